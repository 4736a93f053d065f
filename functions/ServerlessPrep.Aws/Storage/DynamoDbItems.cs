using System.Globalization;
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

    public static string ParseVersion(string token)
        => long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"'{token}' is not a version token of this store.", nameof(token));

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
