using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Aws.Storage;

/// <summary>
/// "Newer wins" in one conditional <c>PutItem</c> per item, no reads: the value's order key (its first 8 bytes) is also stored
/// as the number attribute <c>ord</c>, and the condition lets the write through when the item is absent or expired, has no
/// <c>ord</c> (written by <see cref="PutAsync"/>), or has a strictly smaller one. DynamoDB has no conditional batch write, so
/// items go as concurrent single requests (half the requests of a read, then a conditional write).
/// </summary>
internal sealed partial class DynamoDbKeyValueStore : IKeyValueOrderedWrite
{
    private const int ParallelWrites = 16;

    public async ValueTask<int> PutIfNewerManyAsync(IReadOnlyList<KvItem> items, CancellationToken cancellationToken = default)
    {
        OrderedWriteItems.Validate(items);

        var written = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, options, async (item, token) =>
        {
            if (await PutIfNewerAsync(item, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref written);
            }
        }).ConfigureAwait(false);
        return written;
    }

    private async Task<bool> PutIfNewerAsync(KvItem item, CancellationToken cancellationToken)
    {
        var order = OrderedWriteItems.OrderKey(item).ToString(CultureInfo.InvariantCulture);
        var attributes = DynamoDbItems.Key(item.PartitionKey, item.SortKey);
        attributes["v"] = new() { B = new MemoryStream(item.Value.ToArray()) };
        attributes["ver"] = new() { N = DynamoDbItems.NewVersion() };
        attributes["ord"] = new() { N = order };
        if (item.ExpiresAt is { } expires)
        {
            attributes["ttl"] = new() { N = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        }

        var request = new PutItemRequest
        {
            TableName = _table,
            Item = attributes,
            ConditionExpression = "attribute_not_exists(pk) OR #ttl <= :now OR attribute_not_exists(#ord) OR #ord < :ord",
            ExpressionAttributeNames = new() { ["#ttl"] = "ttl", ["#ord"] = "ord" },
            ExpressionAttributeValues = new()
            {
                [":now"] = new() { N = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                [":ord"] = new() { N = order },
            },
        };
        try
        {
            await _client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
