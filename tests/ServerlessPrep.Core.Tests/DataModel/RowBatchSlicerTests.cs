using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Tests.DataModel;

public sealed class RowBatchSlicerTests
{
    private static readonly BatchSchema Schema = new(
    [
        new ColumnSchema("d", DataKind.Double),
        new ColumnSchema("l", DataKind.Int64),
        new ColumnSchema("b", DataKind.Boolean),
        new ColumnSchema("s", DataKind.String),
    ]);

    private static RowBatch CreateBatch(int rows) => new(
        Schema,
        [
            new DoubleColumn("d", [.. Enumerable.Range(0, rows).Select(i => i * 0.5)], [.. Enumerable.Range(0, rows).Select(i => i % 3 == 0)], rows),
            new Int64Column("l", [.. Enumerable.Range(0, rows).Select(i => (long)i)], null, rows),
            new BooleanColumn("b", [.. Enumerable.Range(0, rows).Select(i => i % 2 == 0)], null, rows),
            new StringColumn("s", [.. Enumerable.Range(0, rows).Select(i => i % 4 == 0 ? null : $"v{i}")], rows),
        ],
        rows,
        firstRowIndex: 100);

    private static List<object?[]> Rows(RowBatch batch) =>
        [.. Enumerable.Range(0, batch.RowCount).Select(r => batch.Columns.Select(c => c.GetValue(r)).ToArray())];

    [Fact]
    public void Slices_BatchLargerThanMax_ConsecutiveSlicesWithTheSameRows()
    {
        var batch = CreateBatch(10);
        var rows = new List<object?[]>();
        var sizes = new List<int>();
        var firsts = new List<long>();

        foreach (var slice in RowBatchSlicer.Slices(batch, 4))
        {
            rows.AddRange(Rows(slice));
            sizes.Add(slice.RowCount);
            firsts.Add(slice.FirstRowIndex);
        }

        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal([100L, 104L, 108L], firsts);
        Assert.Equal(Rows(batch), rows);
    }

    [Fact]
    public void Slices_BatchNotLargerThanMax_ReturnsTheBatchItself()
    {
        var batch = CreateBatch(4);

        Assert.Same(batch, Assert.Single(RowBatchSlicer.Slices(batch, 4)));
    }
}
