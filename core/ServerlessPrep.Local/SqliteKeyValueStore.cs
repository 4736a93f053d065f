using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local;

/// <summary>
/// An <see cref="IKeyValueStore"/> in one SQLite file, safe to share between threads and processes
/// (WAL journal, a busy timeout, and every conditional write as a single statement).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Table <c>kv(pk, sk, value, version, expires_at)</c>, primary key (pk, sk), <c>WITHOUT ROWID</c>.</item>
/// <item>Version tokens are integers written as strings. A new item starts at a random 62-bit value and every write adds one, so a token
/// taken from a deleted item never matches the item later created under the same key.</item>
/// <item><c>expires_at</c> is Unix milliseconds. An item whose expiry is earlier than the injected <see cref="TimeProvider"/>'s now
/// is treated as absent by every operation; <see cref="PurgeExpiredAsync"/> removes such rows.</item>
/// <item>Sort keys are ordered by SQLite's BINARY collation, which is UTF-8 byte order (= code-point order).</item>
/// <item>WAL needs a local file system (shared memory beside the file): do not put the database on NFS or SMB.</item>
/// </list>
/// </remarks>
public sealed partial class SqliteKeyValueStore : IKeyValueStore, IKeyValueBatch, IDisposable
{
    private const string Columns = "value, version, expires_at";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS kv (
            pk TEXT NOT NULL,
            sk TEXT NOT NULL,
            value BLOB NOT NULL,
            version INTEGER NOT NULL,
            expires_at INTEGER,
            PRIMARY KEY (pk, sk)
        ) WITHOUT ROWID;
        """;

    private const string NewVersion = "((random() & 4611686018427387903) + 1)";

    private const string UpsertSql = $"""
        INSERT INTO kv (pk, sk, value, version, expires_at) VALUES (@pk, @sk, @value, {NewVersion}, @expires)
        ON CONFLICT (pk, sk) DO UPDATE SET value = excluded.value, version = kv.version + 1, expires_at = excluded.expires_at
        RETURNING version;
        """;

    private const string InsertIfAbsentSql = $"""
        INSERT INTO kv (pk, sk, value, version, expires_at) VALUES (@pk, @sk, @value, {NewVersion}, @expires)
        ON CONFLICT (pk, sk) DO UPDATE SET value = excluded.value, version = kv.version + 1, expires_at = excluded.expires_at
            WHERE kv.expires_at IS NOT NULL AND kv.expires_at < @now
        RETURNING version;
        """;

    private const string UpdateIfVersionSql = """
        UPDATE kv SET value = @value, version = version + 1, expires_at = @expires
        WHERE pk = @pk AND sk = @sk AND version = @version AND (expires_at IS NULL OR expires_at >= @now)
        RETURNING version;
        """;

    private const string Alive = "(expires_at IS NULL OR expires_at >= @now)";

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    /// <param name="path">The database file; it and its folder are created on first use.</param>
    /// <param name="timeProvider">The clock that decides expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="busyTimeout">How long a statement waits for another connection's write lock; 30 s when null.</param>
    public SqliteKeyValueStore(string path, TimeProvider? timeProvider = null, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(busyTimeout));
        DatabasePath = Path.GetFullPath(path);
        _timeProvider = timeProvider ?? TimeProvider.System;
        BusyTimeout = timeout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>How long a statement waits for a lock held by another connection or process.</summary>
    public TimeSpan BusyTimeout { get; }

    public async ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(sortKey);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM kv WHERE pk = @pk AND sk = @sk AND {Alive};";
            command.Parameters.AddWithValue("@pk", partitionKey);
            command.Parameters.AddWithValue("@sk", sortKey);
            command.Parameters.AddWithValue("@now", Now());
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(reader, partitionKey, sortKey) : null;
            }
        }
    }

    public async ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(item.PartitionKey, nameof(item));
        ArgumentNullException.ThrowIfNull(item.SortKey, nameof(item));
        long expectedVersion = 0;
        if (condition.Kind == KvWriteConditionKind.IfVersion
            && !long.TryParse(condition.VersionToken, NumberStyles.None, CultureInfo.InvariantCulture, out expectedVersion))
        {
            return null; // Not a token this store issued, so it cannot be the current one.
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            PreparePut(command, item, condition, expectedVersion, Now());
            var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return result is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
        }
    }

    public async IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(sortKeyPrefix);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();

            // Keys sharing a prefix are contiguous in byte order and start at the prefix itself: range-scan and stop at the first miss.
            command.CommandText = $"SELECT sk, {Columns} FROM kv WHERE pk = @pk AND sk >= @prefix AND {Alive} ORDER BY sk;";
            command.Parameters.AddWithValue("@pk", partitionKey);
            command.Parameters.AddWithValue("@prefix", sortKeyPrefix);
            command.Parameters.AddWithValue("@now", Now());
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var sortKey = reader.GetString(0);
                    if (!sortKey.StartsWith(sortKeyPrefix, StringComparison.Ordinal))
                    {
                        yield break;
                    }

                    yield return ReadItem(reader, partitionKey, sortKey, offset: 1);
                }
            }
        }
    }

    public async ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(sortKey);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM kv WHERE pk = @pk AND sk = @sk;";
            command.Parameters.AddWithValue("@pk", partitionKey);
            command.Parameters.AddWithValue("@sk", sortKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the rows whose expiry has passed and returns how many there were.</summary>
    public async ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at < @now;";
            command.Parameters.AddWithValue("@now", Now());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes this file's pooled connections so that the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _initLock.Dispose();
    }

    private static KvItem ReadItem(SqliteDataReader reader, string partitionKey, string sortKey, int offset = 0)
    {
        var value = (byte[])reader.GetValue(offset);
        var version = reader.GetInt64(offset + 1).ToString(CultureInfo.InvariantCulture);
        DateTimeOffset? expires = reader.IsDBNull(offset + 2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(offset + 2));
        return new KvItem(partitionKey, sortKey, value, version, expires);
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // synchronous=NORMAL: in WAL mode commits stay atomic and consistent, but are not fsynced one by one
            // (a power cut may lose the last commits, never corrupt the file). FULL made every small write cost ~10 ms.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = new SqliteConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, Schema, cancellationToken).ConfigureAwait(false);
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
