using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Aws.Storage;

/// <summary>Mapping between <see cref="KvItem"/> and the table's attributes (pk, sk, v, ver, ttl).</summary>
internal static class DynamoDbItems
{
    public static Dictionary<string, AttributeValue> Key(string partitionKey, string sortKey) => new()
    {
        ["pk"] = new() { S = CheckKey(partitionKey, nameof(partitionKey), 2048) },
        ["sk"] = new() { S = CheckKey(sortKey, nameof(sortKey), 1024) },
    };

    /// <summary>DynamoDB key strings must be non-empty and at most 2048 (partition) / 1024 (sort) UTF-8 bytes.</summary>
    public static string CheckKey(string value, string name, int maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            throw new ArgumentException($"{name} is longer than {maxBytes} UTF-8 bytes.", name);
        }

        return value;
    }

    /// <summary>The number a token stands for, or <c>null</c> when it is not a token of this store.</summary>
    public static string? TryParseVersion(string token)
        => long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version.ToString(CultureInfo.InvariantCulture)
            : null;

    /// <summary>A random positive 62-bit version, so tokens of deleted and overwritten items do not come back.</summary>
    public static string NewVersion()
        => ((BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) & (long.MaxValue >> 1)) | 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The item, or <c>null</c> when its ttl has passed.</summary>
    public static KvItem? ToKvItem(Dictionary<string, AttributeValue> item, DateTimeOffset now)
    {
        DateTimeOffset? expires = null;
        if (item.TryGetValue("ttl", out var ttl) && ttl.N is { } seconds)
        {
            expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture));
            if (expires <= now)
            {
                return null;
            }
        }

        var value = item.TryGetValue("v", out var v) && v.B is { } stream ? stream.ToArray() : [];
        var version = item.TryGetValue("ver", out var ver) ? ver.N : null;
        return new KvItem(item["pk"].S, item["sk"].S, value, version, expires);
    }
}
