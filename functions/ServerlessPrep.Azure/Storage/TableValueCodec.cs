using Azure.Data.Tables;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Azure.Storage;

/// <summary>
/// Maps <see cref="KvItem"/> to a <see cref="TableEntity"/>: the value as binary properties <c>v0..vN</c> of at most
/// 64 KiB each (Table storage's per-property limit), their count in <c>n</c>, the expiry in <c>exp</c>.
/// Entities are limited to 1 MiB, so values are limited to <see cref="MaxValueBytes"/>. Keys are encoded with
/// <see cref="OrderedKeyEncoding"/> (no '/', '\', '#', '?' or control characters; order and prefixes kept).
/// </summary>
internal static class TableValueCodec
{
    public const int ChunkBytes = 64 * 1024;
    public const int MaxChunks = 15;
    public const int MaxValueBytes = ChunkBytes * MaxChunks;
    /// <summary>Table storage limits PartitionKey and RowKey to 1 KiB each.</summary>
    public const int MaxKeyLength = 1024;
    private const string CountProperty = "n";
    private const string ExpiresProperty = "exp";

    public static TableEntity ToEntity(KvItem item)
    {
        if (item.Value.Length > MaxValueBytes)
        {
            throw new ArgumentException(
                $"Value of ({item.PartitionKey}, {item.SortKey}) is {item.Value.Length} bytes; Table storage entities hold at most {MaxValueBytes}.",
                nameof(item));
        }

        var entity = new TableEntity(Key(item.PartitionKey), Key(item.SortKey));
        var chunks = (item.Value.Length + ChunkBytes - 1) / ChunkBytes;
        entity[CountProperty] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkBytes;
            entity["v" + i] = item.Value.Slice(start, Math.Min(ChunkBytes, item.Value.Length - start)).ToArray();
        }

        if (item.ExpiresAt is { } expires)
        {
            entity[ExpiresProperty] = expires.ToUniversalTime();
        }

        return entity;
    }

    public static KvItem ToItem(TableEntity entity)
    {
        var chunks = entity.GetInt32(CountProperty) ?? 0;
        var parts = new byte[chunks][];
        var length = 0;
        for (var i = 0; i < chunks; i++)
        {
            parts[i] = entity.GetBinary("v" + i) ?? [];
            length += parts[i].Length;
        }

        var value = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(value, offset);
            offset += part.Length;
        }

        return new KvItem(
            OrderedKeyEncoding.Decode(entity.PartitionKey),
            OrderedKeyEncoding.Decode(entity.RowKey),
            value,
            entity.ETag.ToString(),
            entity.GetDateTimeOffset(ExpiresProperty));
    }

    /// <summary>A PartitionKey or RowKey for <paramref name="key"/>; throws <see cref="ArgumentException"/> beyond <see cref="MaxKeyLength"/>.</summary>
    public static string Key(string key) => OrderedKeyEncoding.Encode(key, MaxKeyLength);

    public static bool IsExpired(KvItem item, DateTimeOffset now) => item.ExpiresAt is { } expires && expires <= now;
}
