namespace ServerlessPrep.Core.Storage;

/// <summary>
/// One item in the key-value store. <see cref="VersionToken"/> is an opaque token set by the store on every write
/// (SQLite counter, DynamoDB attribute, Azure ETag) and used for optimistic concurrency.
/// </summary>
public sealed record KvItem(string PartitionKey, string SortKey, ReadOnlyMemory<byte> Value, string? VersionToken = null, DateTimeOffset? ExpiresAt = null)
{
    public string ValueAsString => System.Text.Encoding.UTF8.GetString(Value.Span);

    public static KvItem FromString(string partitionKey, string sortKey, string value, DateTimeOffset? expiresAt = null)
        => new(partitionKey, sortKey, System.Text.Encoding.UTF8.GetBytes(value), null, expiresAt);
}
