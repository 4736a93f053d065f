using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;

namespace ServerlessPrep.Core.Tests.Features;

public sealed class DefaultSpecInferenceTests
{
    private static DatasetSpec CreateSut()
    {
        var rows = Enumerable.Range(0, 100).ToArray();
        var schema = new BatchSchema(
        [
            new("order_id", DataKind.Int64), new("customerId", DataKind.String), new("amount", DataKind.Double),
            new("country", DataKind.String), new("comment", DataKind.String), new("email", DataKind.String),
            new("created_at", DataKind.Timestamp), new("birth_date", DataKind.Date), new("is_member", DataKind.Boolean),
            new("payload", DataKind.Nested), new("paid", DataKind.Int64),
        ]);
        var stats = new Dictionary<string, IColumnStatistics>
        {
            ["order_id"] = ExactColumnStatistics.Numbers("order_id", [.. rows.Select(i => (double?)i)]),
            ["customerId"] = ExactColumnStatistics.Texts("customerId", [.. rows.Select(i => $"c{i % 60}")]),
            ["country"] = ExactColumnStatistics.Texts("country", [.. rows.Select(i => $"k{i % 7}")]),
            ["comment"] = ExactColumnStatistics.Texts("comment", [.. rows.Select(i => $"the parcel number {i} arrived late")]),
            ["email"] = ExactColumnStatistics.Texts("email", [.. rows.Select(i => $"u{i}@x.org")]),
            ["paid"] = ExactColumnStatistics.Numbers("paid", [.. rows.Select(i => (double?)(i % 2))]),
        };
        return DefaultSpecInference.Infer("orders", schema, stats);
    }

    [Theory]
    [InlineData("order_id", TransformKind.Keep)]
    [InlineData("customerId", TransformKind.Keep)]
    [InlineData("amount", TransformKind.Standardize)]
    [InlineData("country", TransformKind.OneHot)]
    [InlineData("comment", TransformKind.TextHash)]
    [InlineData("email", TransformKind.Hash)]
    [InlineData("created_at", TransformKind.Keep)]
    [InlineData("birth_date", TransformKind.DateParts)]
    [InlineData("is_member", TransformKind.Boolean)]
    [InlineData("paid", TransformKind.Standardize)]
    public void Infer_Column_DefaultTransform(string column, TransformKind expected)
    {
        Assert.Equal(expected, CreateSut().FindColumn(column)!.Transform?.Kind);
    }

    [Fact]
    public void Infer_Numeric_MedianImputeWithIndicator()
    {
        Assert.Equal(new ImputeSpec(ImputeStrategy.Median, null, true), CreateSut().FindColumn("amount")!.Impute);
    }

    [Fact]
    public void Infer_Roles_EntityAndEventTimeGuessed()
    {
        var spec = CreateSut();

        Assert.Equal("customerId", spec.EntityColumn);
        Assert.Equal("created_at", spec.EventTimeColumn);
        Assert.True(spec.FindColumn("payload")!.Drop);
        Assert.Equal(11, spec.Columns.Length);
    }

    [Fact]
    public void Infer_DateParts_Cyclical() => Assert.True(CreateSut().FindColumn("birth_date")!.Transform!.Cyclical);
}
