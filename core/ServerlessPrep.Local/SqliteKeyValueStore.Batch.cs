using System.Globalization;
using Microsoft.Data.Sqlite;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local;

/// <summary>Batched reads and conditional writes: one connection and one transaction instead of one commit per item.</summary>
public sealed partial class SqliteKeyValueStore
{
    public async ValueTask<IReadOnlyList<KvItem?>> GetManyAsync(IReadOnlyList<(string PartitionKey, string SortKey)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new KvItem?[keys.Count];
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM kv WHERE pk = @pk AND sk = @sk AND {Alive};";
            var pk = command.Parameters.Add("@pk", SqliteType.Text);
            var sk = command.Parameters.Add("@sk", SqliteType.Text);
            command.Parameters.AddWithValue("@now", Now());
            for (var i = 0; i < keys.Count; i++)
            {
                pk.Value = keys[i].PartitionKey;
                sk.Value = keys[i].SortKey;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    result[i] = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(reader, keys[i].PartitionKey, keys[i].SortKey) : null;
                }
            }
        }

        return result;
    }

    public async ValueTask<IReadOnlyList<string?>> PutManyAsync(IReadOnlyList<KvConditionalPut> puts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(puts);
        var result = new string?[puts.Count];
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                for (var i = 0; i < puts.Count; i++)
                {
                    result[i] = await PutInTransactionAsync(connection, transaction, puts[i], cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>The single statement of a conditional put (shared by <see cref="PutAsync"/> and <see cref="PutManyAsync"/>).</summary>
    private static void PreparePut(SqliteCommand command, KvItem item, KvWriteCondition condition, long expectedVersion, long now)
    {
        command.CommandText = condition.Kind switch
        {
            KvWriteConditionKind.None => UpsertSql,
            KvWriteConditionKind.IfAbsent => InsertIfAbsentSql,
            KvWriteConditionKind.IfVersion => UpdateIfVersionSql,
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Kind, "Unknown write condition."),
        };
        command.Parameters.AddWithValue("@pk", item.PartitionKey);
        command.Parameters.AddWithValue("@sk", item.SortKey);
        command.Parameters.Add("@value", SqliteType.Blob).Value = item.Value.ToArray();
        command.Parameters.AddWithValue("@expires", item.ExpiresAt is { } expires ? expires.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("@now", now);
        command.Parameters.AddWithValue("@version", expectedVersion);
    }

    private async ValueTask<string?> PutInTransactionAsync(SqliteConnection connection, SqliteTransaction transaction, KvConditionalPut put, CancellationToken cancellationToken)
    {
        var (item, condition) = put;
        long expectedVersion = 0;
        if (condition.Kind == KvWriteConditionKind.IfVersion
            && !long.TryParse(condition.VersionToken, NumberStyles.None, CultureInfo.InvariantCulture, out expectedVersion))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        PreparePut(command, item, condition, expectedVersion, Now());
        var written = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return written is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
    }
}
