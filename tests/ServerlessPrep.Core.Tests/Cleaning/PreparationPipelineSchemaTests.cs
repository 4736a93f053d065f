using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Cleaning;

public sealed class PreparationPipelineSchemaTests
{
    private static RowBatch CreateBatch() => Batch(
        Strings("customer_id", "c1", "c2", "c1", "c3"),
        Doubles("amount", 10, null, 30, 40),
        Strings("city", "Paris", "Oslo", "Paris", null),
        Bools("vip", true, false, null, true),
        Times("ts", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc)));

    private static DatasetSpec CreateSpec() => new()
    {
        Name = "test",
        EntityColumn = "customer_id",
        Crosses = [new CrossSpec(["city", "vip"], 2)],
        Columns = [new ColumnSpec { Name = "ts", Transform = new TransformSpec { Kind = TransformKind.DateParts, Cyclical = false } }],
    };

    [Fact]
    public void Create_BeforeData_OutputSchemaMatchesApply()
    {
        var batch = CreateBatch();
        var sut = Fixtures.Pipeline(CreateSpec(), batch);
        var expected = string.Join(",",
            "customer_id:String", "amount:Double", "amount__is_missing:Double", "city__Paris:Double", "city__Oslo:Double", "city__other:Double",
            "vip:Double", "ts__year:Double", "ts__month:Double", "ts__day:Double", "ts__day_of_week:Double", "ts__hour:Double", "ts__minute:Double",
            "ts__day_of_year:Double", "ts__is_weekend:Double", "city_x_vip__h0:Double", "city_x_vip__h1:Double", "split:String");

        var output = sut.Apply(batch).Features;

        Assert.Equal(expected, sut.OutputSchema.Fingerprint);
        Assert.Same(sut.OutputSchema, output.Schema);
        Assert.Equal(4, output.RowCount);
        Assert.Equal(sut.OutputSchema.Count, sut.Lineage.Count);
    }

    [Fact]
    public void Apply_DefaultNumeric_MedianImputedIndicatorStandardized()
    {
        var batch = CreateBatch();
        var sut = Fixtures.Pipeline(CreateSpec(), batch);

        var output = sut.Apply(batch).Features;

        // amount 10, 30, 40: median 30, mean 80/3, sample σ = sqrt(233.33…) → standardized with the fit's mean/σ.
        var sd = Math.Sqrt(((10 - 80.0 / 3) * (10 - 80.0 / 3) + (30 - 80.0 / 3) * (30 - 80.0 / 3) + (40 - 80.0 / 3) * (40 - 80.0 / 3)) / 2);
        Assert.Equal((30 - 80.0 / 3) / sd, Values(output, "amount")[1], 12);
        Assert.Equal([0, 1, 0, 0], Values(output, "amount__is_missing"));
        Assert.Equal(new string?[] { "c1", "c2", "c1", "c3" }, Texts(output, "customer_id"));
        Assert.Equal([1, 0, 1, 1], Values(output, "vip"));
        Assert.Equal(1, sut.Counters.Imputed["amount"]);
        Assert.Equal(1, sut.Counters.Imputed["vip"]);
    }

    [Fact]
    public void Lineage_FeatureColumns_NameInputsAndTransformChain()
    {
        var sut = Fixtures.Pipeline(CreateSpec(), CreateBatch());

        var amount = sut.Lineage.Single(l => l.OutputColumn == "amount");
        var cross = sut.Lineage.Single(l => l.OutputColumn == "city_x_vip__h1");
        var split = sut.Lineage.Single(l => l.OutputColumn == "split");

        Assert.Equal("impute:median+standardize", amount.Transform);
        Assert.Equal(["amount"], amount.InputColumns.ToArray());
        Assert.Equal(["city", "vip"], cross.InputColumns.ToArray());
        Assert.Equal("split:hash", split.Transform);
        Assert.Equal(["customer_id"], split.InputColumns.ToArray());
        Assert.Equal("keep", sut.Lineage.Single(l => l.OutputColumn == "customer_id").Transform);
    }

    [Fact]
    public void Create_UncoercibleKind_ErrorNamesColumnExpectedAndActual()
    {
        var fit = Fixtures.Fit(CreateSpec(), CreateBatch());
        var changed = new BatchSchema([new("customer_id", DataKind.String), new("amount", DataKind.Double), new("city", DataKind.String), new("vip", DataKind.Boolean), new("ts", DataKind.Double)]);

        var e = Assert.Throws<SchemaMismatchException>(() => PreparationPipeline.Create(CreateSpec(), changed, fit));

        Assert.Equal("ts", e.Column);
        Assert.Equal("Timestamp", e.Expected);
        Assert.Equal("Double", e.Actual);
        Assert.StartsWith("Column 'ts': expected Timestamp, found Double", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ServerlessPrepException>(e);
    }

    [Fact]
    public void Apply_FittedColumnMissingFromInput_ImputedAndRecorded()
    {
        var fit = Fixtures.Fit(CreateSpec(), CreateBatch());
        var input = Batch(Strings("customer_id", "c9", "c8"), Strings("city", "Oslo", "Rome"), Bools("vip", false, true), Times("ts", null, null), Strings("extra", "x", "y"));
        var sut = PreparationPipeline.Create(CreateSpec(), input.Schema, fit);

        var output = sut.Apply(input).Features;

        Assert.Contains(sut.SchemaChanges, c => c is { Column: "amount", Kind: SchemaChangeKind.Missing });
        Assert.Contains(sut.SchemaChanges, c => c is { Column: "extra", Kind: SchemaChangeKind.Added });
        Assert.Equal([1, 1], Values(output, "amount__is_missing"));
        Assert.Equal(Values(output, "amount")[0], Values(output, "amount")[1]);
        Assert.Equal(2, sut.Counters.Imputed["amount"]);
        Assert.Equal(sut.OutputSchema, output.Schema);
        Assert.True(((DoubleColumn)output["ts__year"]).IsNull(0));
    }

    [Fact]
    public void Apply_StringsCoercedToDouble_FailuresCountedAndMissing()
    {
        var fitBatch = Batch(Doubles("x", 1, 2, 3));
        var spec = Fixtures.Spec(new ColumnSpec { Name = "x", Transform = new TransformSpec { Kind = TransformKind.Passthrough } });
        var fit = Fixtures.Fit(spec, fitBatch);
        var input = Batch(Strings("x", "1.5", "abc", null, " 2e3 "));
        var sut = PreparationPipeline.Create(spec, input.Schema, fit);

        var output = sut.Apply(input).Features;

        Assert.Equal(1, sut.Counters.CoercionFailures["x"]);
        Assert.Equal(1.5, Values(output, "x")[0]);
        Assert.True(output["x"].IsNull(1));
        Assert.True(output["x"].IsNull(2));
        Assert.Equal(2000, Values(output, "x")[3]);
        Assert.Contains(sut.SchemaChanges, c => c is { Column: "x", Kind: SchemaChangeKind.KindChanged });
    }

    [Fact]
    public void Apply_TrimAndLowerCase_BeforeVocabularyLookup()
    {
        var spec = Fixtures.Spec(new ColumnSpec { Name = "c", Trim = true, Case = TextCase.Lower, Transform = new TransformSpec { Kind = TransformKind.Ordinal } });
        var sut = Fixtures.Pipeline(spec, Batch(Strings("c", "a", "a", "b")));

        var output = sut.Apply(Batch(Strings("c", "  A ", "B", "c"))).Features;

        Assert.Equal([0, 1, -1], Values(output, "c"));
    }

    [Fact]
    public void Create_FitForOtherDataset_Throws()
    {
        var batch = CreateBatch();
        var fit = Fixtures.Fit(CreateSpec(), batch);

        Assert.Throws<ArgumentException>(() => PreparationPipeline.Create(CreateSpec() with { Name = "other" }, batch.Schema, fit));
    }

    [Fact]
    public void Apply_LabelColumn_KeptAsIsNotImputed()
    {
        var spec = new DatasetSpec { Name = "test", LabelColumns = ["y"], EntityColumn = "customer_id" };
        var batch = Batch(Strings("customer_id", "c1", "c2"), Doubles("y", 1.5, null));
        var sut = Fixtures.Pipeline(spec, batch);

        var output = sut.Apply(batch).Features;

        Assert.Equal("customer_id:String,y:Double,split:String", sut.OutputSchema.Fingerprint);
        Assert.Equal(1.5, Values(output, "y")[0]);
        Assert.True(output["y"].IsNull(1));
        Assert.Equal("keep", sut.Lineage[1].Transform);
    }

    [Fact]
    public void Create_FitWithZeroHashBuckets_ThrowsBeforeData()
    {
        var batch = Batch(Strings("c", "a"));
        var fit = new FitState("test", FitState.SourceObject,
            [new ColumnFit { Name = "c", Kind = DataKind.String, SourceKind = DataKind.String, Transform = new TransformFit { Kind = TransformKind.Hash, Buckets = 0 } }]);

        var e = Assert.Throws<ArgumentException>(() => PreparationPipeline.Create(Fixtures.Spec(), batch.Schema, fit));

        Assert.Contains("'c'", e.Message, StringComparison.Ordinal);
    }
}
