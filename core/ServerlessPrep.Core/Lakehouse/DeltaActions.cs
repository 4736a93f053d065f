namespace ServerlessPrep.Core.Lakehouse;

/// <summary>The actions of one commit (or one checkpoint), in log order. Unknown actions (commitInfo, txn, cdc, domainMetadata...) are ignored.</summary>
internal sealed class DeltaActions
{
    public List<DeltaAddFile> Adds { get; } = [];

    public List<DeltaRemoveFile> Removes { get; } = [];

    public DeltaProtocol? Protocol { get; set; }

    public DeltaMetadata? Metadata { get; set; }
}
