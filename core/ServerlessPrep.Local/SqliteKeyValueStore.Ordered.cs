using Microsoft.Data.Sqlite;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local;

/// <summary>"Newer wins" writes in SQL: one transaction per call, one prepared statement rebound per item, no reads.</summary>
public sealed partial class SqliteKeyValueStore : IKeyValueOrderedWrite
{
    // The order key is the value's first 8 bytes, int64 big-endian. BLOBs compare with memcmp, which orders two's-complement
    // big-endian integers correctly when their sign bits agree; when they differ, the new one is newer iff the stored one is negative.
    private const string PutIfNewerSql = $"""
        INSERT INTO kv (pk, sk, value, version, expires_at) VALUES (@pk, @sk, @value, {NewVersion}, @expires)
        ON CONFLICT (pk, sk) DO UPDATE SET value = excluded.value, version = kv.version + 1, expires_at = excluded.expires_at
            WHERE (kv.expires_at IS NOT NULL AND kv.expires_at < @now)
               OR length(kv.value) < 8
               OR CASE WHEN (substr(kv.value, 1, 1) >= x'80') = (substr(excluded.value, 1, 1) >= x'80')
                       THEN substr(excluded.value, 1, 8) > substr(kv.value, 1, 8)
                       ELSE substr(kv.value, 1, 1) >= x'80' END;
        """;

    public async ValueTask<int> PutIfNewerManyAsync(IReadOnlyList<KvItem> items, CancellationToken cancellationToken = default)
    {
        OrderedWriteItems.Validate(items);

        if (items.Count == 0)
        {
            return 0;
        }

        var written = 0;
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = PutIfNewerSql;
                var pk = command.Parameters.Add("@pk", SqliteType.Text);
                var sk = command.Parameters.Add("@sk", SqliteType.Text);
                var value = command.Parameters.Add("@value", SqliteType.Blob);
                var expires = command.Parameters.Add("@expires", SqliteType.Integer);
                command.Parameters.AddWithValue("@now", Now());
                command.Prepare();
                foreach (var item in items)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pk.Value = item.PartitionKey;
                    sk.Value = item.SortKey;
                    value.Value = Bytes(item.Value);
                    expires.Value = item.ExpiresAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value;
                    written += command.ExecuteNonQuery(); // changes(): 1 when inserted or updated, 0 when the WHERE refused it
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return written;
    }

    private static byte[] Bytes(ReadOnlyMemory<byte> value)
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToArray();
}
