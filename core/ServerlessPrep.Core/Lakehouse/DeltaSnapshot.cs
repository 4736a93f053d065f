namespace ServerlessPrep.Core.Lakehouse;

/// <summary>A table's state at <see cref="Version"/>: its protocol, metadata and live (added, not removed) files.</summary>
/// <param name="CheckpointVersion">The checkpoint the state was rebuilt from, or null when the whole log was replayed.</param>
internal sealed record DeltaSnapshot(long Version, DeltaProtocol? Protocol, DeltaMetadata? Metadata, IReadOnlyList<DeltaAddFile> LiveFiles, long? CheckpointVersion);
