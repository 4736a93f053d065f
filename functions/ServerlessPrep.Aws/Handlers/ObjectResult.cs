namespace ServerlessPrep.Aws.Handlers;

/// <summary>How one object of an event ended, as reported in the invocation's response and logs.</summary>
/// <param name="Status">processed | skipped | quarantined | failed | ignored.</param>
internal sealed record ObjectResult(string? Bucket, string? Key, string Status, string? Reason, long RowsIn = 0, long RowsOut = 0)
{
    public const string Failed = "failed";
    public const string Ignored = "ignored";

    public bool Retryable => Status == Failed;
}
