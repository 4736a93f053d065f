using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Aws.Storage;

/// <summary>
/// <see cref="IKeyValueStore"/> over one DynamoDB table: string keys <c>pk</c>/<c>sk</c>, binary value <c>v</c>,
/// numeric version <c>ver</c> (a fresh random number on every write, so a token never matches a later item, not even one
/// re-created after a delete), expiry <c>ttl</c> in epoch seconds, and <c>ord</c>, the order key of "newer wins" writes.
/// Expired items are invisible even before DynamoDB's lazy TTL sweep deletes them.
/// </summary>
internal sealed partial class DynamoDbKeyValueStore : IKeyValueStore
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _time;

    public DynamoDbKeyValueStore(IAmazonDynamoDB client, string table, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(table);
        _client = client;
        _table = table;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = DynamoDbItems.Key(partitionKey, sortKey), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? DynamoDbItems.ToKvItem(item, Now) : null;
    }

    public async ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(condition);
        var values = new Dictionary<string, AttributeValue>
        {
            [":v"] = new() { B = new MemoryStream(item.Value.ToArray()) },
            [":ver"] = new() { N = DynamoDbItems.NewVersion() },
        };
        var update = "SET #v = :v, #ver = :ver";
        if (item.ExpiresAt is { } expires)
        {
            values[":ttl"] = new() { N = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
            update += ", #ttl = :ttl";
        }

        // A plain write says nothing about order: drop the order key an ordered write stored (DynamoDbKeyValueStore.Ordered.cs).
        update += item.ExpiresAt is null ? " REMOVE #ttl, #ord" : " REMOVE #ord";

        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = DynamoDbItems.Key(item.PartitionKey, item.SortKey),
            UpdateExpression = update,
            ExpressionAttributeNames = new() { ["#v"] = "v", ["#ver"] = "ver", ["#ttl"] = "ttl", ["#ord"] = "ord" },
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        switch (condition.Kind)
        {
            case KvWriteConditionKind.IfAbsent:
                // An expired item that the TTL sweep has not deleted yet counts as absent.
                request.ConditionExpression = "attribute_not_exists(pk) OR #ttl <= :now";
                values[":now"] = new() { N = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
                break;
            case KvWriteConditionKind.IfVersion:
                if (DynamoDbItems.TryParseVersion(condition.VersionToken!) is not { } expected)
                {
                    return null; // Not a token of this store: it matches no item.
                }

                // An expired item that the TTL sweep has not deleted yet is absent, so no token matches it.
                request.ConditionExpression = "#ver = :expected AND (attribute_not_exists(#ttl) OR #ttl > :now)";
                values[":expected"] = new() { N = expected };
                values[":now"] = new() { N = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
                break;
        }

        try
        {
            var response = await _client.UpdateItemAsync(request, cancellationToken);
            return response.Attributes["ver"].N;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sortKeyPrefix);
        var request = new QueryRequest
        {
            TableName = _table,
            ConsistentRead = true,
            KeyConditionExpression = sortKeyPrefix.Length == 0 ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = new() { S = DynamoDbItems.CheckKey(partitionKey, nameof(partitionKey), 2048) } },
        };
        if (sortKeyPrefix.Length > 0)
        {
            request.ExpressionAttributeValues[":prefix"] = new() { S = sortKeyPrefix };
        }

        do
        {
            var response = await _client.QueryAsync(request, cancellationToken);
            foreach (var raw in response.Items ?? [])
            {
                if (DynamoDbItems.ToKvItem(raw, Now) is { } item)
                {
                    yield return item;
                }
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }

    public async ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
        => await _client.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = DynamoDbItems.Key(partitionKey, sortKey) }, cancellationToken);

    private DateTimeOffset Now => _time.GetUtcNow();
}
