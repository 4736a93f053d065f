using System.Buffers.Binary;

namespace ServerlessPrep.Core.Storage;

/// <summary>What every <see cref="IKeyValueOrderedWrite"/> implementation checks and reads of its items.</summary>
public static class OrderedWriteItems
{
    public const int OrderKeyBytes = 8;

    /// <exception cref="ArgumentException">An item is null or its value is shorter than the order key.</exception>
    public static void Validate(IReadOnlyList<KvItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            if (item.Value.Length < OrderKeyBytes)
            {
                throw new ArgumentException($"Item ({item.PartitionKey}, {item.SortKey}) has {item.Value.Length} bytes; an ordered write needs an 8-byte order key first.", nameof(items));
            }
        }
    }

    /// <summary>The order key: the value's first 8 bytes, a big-endian signed integer.</summary>
    public static long OrderKey(KvItem item) => BinaryPrimitives.ReadInt64BigEndian(item.Value.Span);
}
