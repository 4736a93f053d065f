using System.Globalization;
using System.Text.Json;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Tests.Processing;

namespace ServerlessPrep.Core.Tests.Lakehouse;

/// <summary>
/// Writes a small real Delta table into a <see cref="TestLake"/> by hand, per PROTOCOL.md: Parquet data files written with our
/// writer, commits as newline-delimited JSON actions in <c>_delta_log/NNNNNNNNNNNNNNNNNNNN.json</c>.
/// </summary>
internal sealed class DeltaTableWriter(TestLake lake, string root)
{
    public const string Protocol = """{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}""";

    public string Root => root;

    public static string Metadata(string partitionColumns = "[]", string configuration = "{}")
        => $$$"""{"metaData":{"id":"5a3c1c6e-2a4b-4c8e-9d11-0f6f3c9b7a21","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[]}","partitionColumns":{{{partitionColumns}}},"configuration":{{{configuration}}},"createdTime":1717200000000}}""";

    public static string Add(string path, long size, bool dataChange = true, string partitionValues = "{}", string? deletionVector = null)
        => $$$"""{"add":{"path":"{{{path}}}","partitionValues":{{{partitionValues}}},"size":{{{size}}},"modificationTime":1717200000000,"dataChange":{{{(dataChange ? "true" : "false")}}},"stats":"{\"numRecords\":4}"{{{(deletionVector is null ? string.Empty : ",\"deletionVector\":" + deletionVector)}}}""" + "}}";

    public static string Remove(string path, bool dataChange = true)
        => $$$"""{"remove":{"path":"{{{path}}}","deletionTimestamp":1717300000000,"dataChange":{{{(dataChange ? "true" : "false")}}}""" + "}}";

    public static string CommitInfo(string operation) => $$$"""{"commitInfo":{"timestamp":1717200000000,"operation":"{{{operation}}}","operationParameters":{}""" + "}}";

    /// <summary>Writes a data file (not committed) and returns its size, for the <c>add</c> action.</summary>
    public async Task<(ObjectCreated Event, long Size)> WriteDataFileAsync(string relativePath, Data.RowBatch batch)
    {
        var created = await lake.PutParquetAsync(Key(relativePath), batch);
        return (created, created.Size);
    }

    public async Task<ObjectCreated> CommitAsync(long version, params string[] actions)
        => await lake.PutTextAsync(CommitKey(version), string.Join('\n', actions) + "\n");

    public string Key(string relativePath) => $"{root}/{relativePath}";

    public string CommitKey(long version) => $"{root}/_delta_log/{version.ToString("D20", CultureInfo.InvariantCulture)}.json";

    public async Task WriteLastCheckpointAsync(long version, long size)
        => await lake.PutTextAsync($"{root}/_delta_log/_last_checkpoint", JsonSerializer.Serialize(new { version, size }));

    public Task DeleteAsync(string key) => lake.Lake.DeleteAsync(key).AsTask();
}
