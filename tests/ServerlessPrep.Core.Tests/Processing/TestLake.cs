using System.Text;
using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Core.Writing;
using ServerlessPrep.Local;

namespace ServerlessPrep.Core.Tests.Processing;

/// <summary>A lake folder, an output folder and an in-memory key-value store in a temp directory, deleted on dispose.</summary>
internal sealed class TestLake : IDisposable
{
    public TestLake()
    {
        Root = Path.Combine(Path.GetTempPath(), "sp-test-" + Guid.NewGuid().ToString("N"));
        Lake = new FileSystemObjectStore(Path.Combine(Root, "lake"));
        Output = new FileSystemObjectStore(Path.Combine(Root, "out"));
        Kv = new InMemoryKeyValueStore(Time);
    }

    public string Root { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public FileSystemObjectStore Lake { get; }

    public FileSystemObjectStore Output { get; }

    public InMemoryKeyValueStore Kv { get; }

    public Processor CreateProcessor(SpecSet? specs = null, ProcessorOptions? options = null, IObjectStore? lake = null)
        => new(lake ?? Lake, Output, Kv, specs ?? SpecSet.Empty, options ?? new ProcessorOptions { TempDirectory = Path.Combine(Root, "tmp"), TransientRetryDelay = TimeSpan.Zero }, Time);

    public async Task<ObjectCreated> PutParquetAsync(string key, params RowBatch[] batches)
    {
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetBatchWriter.CreateAsync(buffer, batches[0].Schema, new Dictionary<string, string>(), default))
        {
            foreach (var batch in batches)
            {
                await writer.WriteAsync(batch, default);
            }
        }

        return await PutAsync(key, buffer.ToArray());
    }

    public Task<ObjectCreated> PutTextAsync(string key, string text) => PutAsync(key, Encoding.UTF8.GetBytes(text));

    public async Task<ObjectCreated> PutAsync(string key, byte[] content)
    {
        using var stream = new MemoryStream(content);
        await Lake.PutAsync(key, stream);
        var info = (await Lake.GetInfoAsync(key))!;
        return new ObjectCreated("lake", key, info.Size, info.ETag, null, null, info.LastModified, "test");
    }

    public async Task<byte[]> ReadOutputAsync(string key)
    {
        await using var stream = await Output.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task<string> ReadOutputTextAsync(string key) => Encoding.UTF8.GetString(await ReadOutputAsync(key));

    /// <summary>All rows of a features file, column by column, read back with our own reader.</summary>
    public async Task<Dictionary<string, List<object?>>> ReadFeaturesAsync(string key)
    {
        await using var stream = await Output.OpenReadAsync(key);
        await using var reader = await BatchReaderFactory.OpenAsync(stream, key, InputFormat.Parquet, new CsvOptions(), ReaderOptions.Default, default);
        var columns = reader.Schema.Columns.ToDictionary(c => c.Name, _ => new List<object?>());
        await foreach (var batch in reader.ReadBatchesAsync(default))
        {
            foreach (var column in batch.Columns)
            {
                for (var i = 0; i < batch.RowCount; i++)
                {
                    columns[column.Name].Add(column.GetValue(i));
                }
            }
        }

        return columns;
    }

    public async Task<List<string>> ListOutputsAsync()
    {
        var keys = new List<string>();
        await foreach (var info in Output.ListAsync(string.Empty))
        {
            keys.Add(info.Key);
        }

        return keys;
    }

    public static RowBatch Orders(long[] ids, string[] customers, double?[] amounts, DateTime[] times)
    {
        var n = ids.Length;
        var schema = new BatchSchema(
        [
            new ColumnSchema("order_id", DataKind.Int64, false),
            new ColumnSchema("customer_id", DataKind.String, false),
            new ColumnSchema("amount", DataKind.Double),
            new ColumnSchema("ts", DataKind.Timestamp, false),
        ]);
        return new RowBatch(schema,
        [
            new Int64Column("order_id", ids, null, n),
            new StringColumn("customer_id", customers, n),
            new DoubleColumn("amount", amounts.Select(a => a ?? 0).ToArray(), amounts.Select(a => a is null).ToArray(), n),
            new Int64Column("ts", times.Select(TimeUnits.FromDateTime).ToArray(), null, n, DataKind.Timestamp),
        ], n);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
