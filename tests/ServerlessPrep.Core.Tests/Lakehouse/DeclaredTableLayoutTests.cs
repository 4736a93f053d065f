using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Core.Tests.Processing;
using static ServerlessPrep.Core.Tests.Lakehouse.DeltaTableWriter;

namespace ServerlessPrep.Core.Tests.Lakehouse;

/// <summary><c>table: delta</c> and <c>table: files</c>: what a spec declares replaces probing for <c>_delta_log/</c>.</summary>
public sealed class DeclaredTableLayoutTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestLake _lake = new();
    private readonly DeltaTableWriter _table;

    public DeclaredTableLayoutTests() => _table = new DeltaTableWriter(_lake, "orders");

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task DeclaredDelta_DataFileBeforeTheTablesFirstCommit_IsSkippedThenProcessedByTheCommit()
    {
        var processor = _lake.CreateProcessor(Spec("delta"));
        var (dataEvent, size) = await _table.WriteDataFileAsync("part-0.parquet", Orders());

        var early = await processor.ProcessAsync(dataEvent); // no _delta_log/ exists yet: probing alone would process it as a plain file

        Assert.Equal(ObjectStatus.Skipped, early.Status);
        Assert.StartsWith("Delta table data file; processed when committed in _delta_log (dataset 'orders' is declared 'table: delta'", early.Reason, StringComparison.Ordinal);
        Assert.Null(await _lake.Output.GetInfoAsync("features/orders/part-0.parquet"));

        var commit = await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata(), Add("part-0.parquet", size)));

        Assert.Equal(ObjectStatus.Processed, commit.Status);
        Assert.Equal(4, commit.RowsIn);
        Assert.NotNull(await _lake.Output.GetInfoAsync("features/orders/part-0.parquet"));
    }

    [Fact]
    public async Task DeclaredFiles_DataFileIsProcessedWithoutListingForATableLog()
    {
        var lake = new ListCountingStore(_lake.Lake);
        var processor = _lake.CreateProcessor(Spec("files"), lake: lake);
        var (dataEvent, _) = await _table.WriteDataFileAsync("dt=2024-01-01/part-0.parquet", Orders());

        var outcome = await processor.ProcessAsync(dataEvent);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.DoesNotContain(lake.Listed, p => p.EndsWith("_delta_log/", StringComparison.Ordinal) || p.EndsWith("metadata/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auto_ProbesEachFolderLevelForATableLog()
    {
        var lake = new ListCountingStore(_lake.Lake);
        var processor = _lake.CreateProcessor(Spec("auto"), lake: lake);
        var (dataEvent, _) = await _table.WriteDataFileAsync("dt=2024-01-01/part-0.parquet", Orders());

        Assert.Equal(ObjectStatus.Processed, (await processor.ProcessAsync(dataEvent)).Status);
        Assert.Equal(["orders/dt=2024-01-01/_delta_log/", "orders/_delta_log/", "_delta_log/"], lake.Listed.Where(p => p.EndsWith("_delta_log/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("delta")]
    [InlineData("files")]
    public void Spec_TableLayout_RoundTripsThroughTheWriter(string layout)
    {
        var parsed = Spec(layout).Datasets.Single();

        var again = SpecParser.Parse(SpecWriter.Write([parsed]), "written.yaml").Datasets.Single();

        Assert.Equal(layout == "delta" ? TableLayout.Delta : TableLayout.Files, again.Table);
    }

    [Fact]
    public void Spec_UnknownTableLayout_NamesTheLineAndTheChoices()
    {
        var error = Assert.Throws<SpecException>(() => SpecParser.Parse("datasets:\n  - name: orders\n    table: iceberg\n", "spec.yaml"));

        Assert.Contains("spec.yaml:3", error.Message, StringComparison.Ordinal);
        Assert.Contains("delta", error.Message, StringComparison.Ordinal);
    }

    private static SpecSet Spec(string layout) => SpecParser.Parse($"datasets:\n  - name: orders\n    table: {layout}\n", "spec.yaml");

    private static Data.RowBatch Orders() => TestLake.Orders(
        [1, 2, 3, 4], ["a", "b", "a", "c"], [1, 2, 3, 4], [Day, Day.AddHours(1), Day.AddHours(2), Day.AddHours(3)]);

    private sealed class ListCountingStore(IObjectStore inner) : IObjectStore
    {
        public List<string> Listed { get; } = [];

        public string Uri => inner.Uri;

        public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

        public ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

        public ValueTask<Stream> OpenReadAsync(ObjectInfo version, CancellationToken cancellationToken = default) => inner.OpenReadAsync(version, cancellationToken);

        public ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutIfAbsentAsync(key, content, cancellationToken);

        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default)
        {
            lock (Listed)
            {
                Listed.Add(prefix);
            }

            return inner.ListAsync(prefix, cancellationToken);
        }
    }
}
