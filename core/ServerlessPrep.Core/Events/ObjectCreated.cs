namespace ServerlessPrep.Core.Events;

/// <summary>
/// The one event the core understands: an object was created or overwritten in the lake.
/// Hosts translate their cloud's notification into this.
/// </summary>
/// <param name="Store">Bucket, container or local root the key lives in.</param>
/// <param name="Key">Object key relative to the store, '/'-separated, already URL-decoded.</param>
/// <param name="Size">Size in bytes as reported by the event (0 when unknown).</param>
/// <param name="ETag">Entity tag, when the event carries one.</param>
/// <param name="Version">Version id / generation, when the store versions objects.</param>
/// <param name="Sequencer">Per-key ordering token (S3 sequencer, Event Grid sequencer, GCS generation), compared as hex/decimal strings of equal length after left-padding.</param>
/// <param name="EventTime">When the store says the object was written.</param>
/// <param name="Source">Where the event came from: s3, eventbridge, sqs, eventgrid, gcs, watch, backfill.</param>
public sealed record ObjectCreated(
    string Store,
    string Key,
    long Size,
    string? ETag,
    string? Version,
    string? Sequencer,
    DateTimeOffset EventTime,
    string Source)
{
    /// <summary>The identity of this object version for idempotency: version, else etag, else size+time.</summary>
    public string VersionToken => Version ?? ETag ?? $"{Size}-{EventTime.UtcTicks}";

    /// <summary>
    /// Partition values that come with the object rather than from its key (a Delta <c>add</c> action's <c>partitionValues</c>);
    /// when null, Hive-style <c>k=v</c> folders of the key are the partitions.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string?>>? PartitionValues { get; init; }

    /// <summary>Set on the part messages of a large object split into row-group ranges; null for a whole object's event.</summary>
    public ObjectPart? Part { get; init; }
}
