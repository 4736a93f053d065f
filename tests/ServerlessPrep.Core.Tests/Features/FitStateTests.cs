using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Features;

public sealed class FitStateTests
{
    private static FitState CreateSut(double mean = 4.25, DateTimeOffset fittedAt = default) => new(
        "sales",
        FitState.SourceDataset,
        [
            new ColumnFit
            {
                Name = "amount",
                Kind = DataKind.Double,
                SourceKind = DataKind.String,
                Impute = new ImputeFit(ImputeStrategy.Median, 3.5, null, true),
                Outliers = new OutlierFit(OutlierMethod.Iqr, OutlierAction.Clip, -3.5, 14.5),
                Transform = new TransformFit { Kind = TransformKind.Standardize, Mean = mean, StdDev = 0.1 },
            },
            new ColumnFit
            {
                Name = "city",
                Kind = DataKind.String,
                SourceKind = DataKind.String,
                Trim = true,
                Case = TextCase.Lower,
                Impute = new ImputeFit(ImputeStrategy.Constant, null, "unknown \"quoted\"", false),
                Transform = new TransformFit { Kind = TransformKind.OneHot, Vocabulary = ["paris", "zürich"] },
            },
            new ColumnFit
            {
                Name = "score",
                Kind = DataKind.Int64,
                SourceKind = DataKind.Int64,
                Transform = new TransformFit { Kind = TransformKind.Bucketize, BinEdges = [1.5, 2, 1e300] },
            },
            new ColumnFit { Name = "raw", Kind = DataKind.String, SourceKind = DataKind.String, Drop = true },
        ],
        [new CrossFit(["city", "score"], 16)],
        fittedAt,
        "ds#sales/profile#2026-11-25");

    [Fact]
    public void FromJson_ToJson_RoundTripsEveryParameter()
    {
        var sut = CreateSut(fittedAt: new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));

        var json = sut.ToJson();
        var back = FitState.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(sut.Version, back.Version);
        Assert.Equal(sut.FittedAt, back.FittedAt);
        Assert.Equal("ds#sales/profile#2026-11-25", back.ProfileReference);
        Assert.Equal(FitState.SourceDataset, back.Source);
        var amount = back.Find("amount")!;
        Assert.Equal(new ImputeFit(ImputeStrategy.Median, 3.5, null, true), amount.Impute);
        Assert.Equal(new OutlierFit(OutlierMethod.Iqr, OutlierAction.Clip, -3.5, 14.5), amount.Outliers);
        Assert.Equal(4.25, amount.Transform!.Mean);
        Assert.Equal(DataKind.String, amount.SourceKind);
        Assert.Equal(["paris", "zürich"], back.Find("city")!.Transform!.Vocabulary.ToArray());
        Assert.Equal("unknown \"quoted\"", back.Find("city")!.Impute!.Text);
        Assert.Equal(TextCase.Lower, back.Find("city")!.Case);
        Assert.Equal([1.5, 2, 1e300], back.Find("score")!.Transform!.BinEdges.ToArray());
        Assert.True(back.Find("raw")!.Drop);
        Assert.Equal(["city", "score"], back.Crosses[0].Columns.ToArray());
        Assert.Equal(16, back.Crosses[0].Buckets);
    }

    [Fact]
    public void Version_SameParameters_SameVersionWhateverTheFitTime()
    {
        var a = CreateSut(fittedAt: DateTimeOffset.UnixEpoch);
        var b = CreateSut(fittedAt: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(a.Version, b.Version);
        Assert.Matches("^fit-[0-9a-f]{16}$", a.Version);
    }

    [Fact]
    public void Version_ParameterChanged_Changes()
    {
        Assert.NotEqual(CreateSut(mean: 4.25).Version, CreateSut(mean: 4.250000001).Version);
    }

    [Fact]
    public void FromJson_NewerFormat_Throws()
    {
        var json = CreateSut().ToJson().Replace("\"formatVersion\": 1", "\"formatVersion\": 99", StringComparison.Ordinal);

        var e = Assert.Throws<FormatException>(() => FitState.FromJson(json));
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ContentEditedButVersionKept_Throws()
    {
        var json = CreateSut().ToJson().Replace("4.25", "5.25", StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => FitState.FromJson(json));
    }

    [Fact]
    public void FromJson_NotJson_ThrowsFormatException() => Assert.Throws<FormatException>(() => FitState.FromJson("{ nope"));

    [Fact]
    public void Version_CanonicalForm_IsPinned()
    {
        // A change here re-versions every stored fit: bump FormatVersion and keep reading the old format instead.
        Assert.Equal("fit-a8ea54d2a74139ad", CreateSut().Version);
    }

    [Fact]
    public void Version_IsXxHash64OfCompactJsonWithoutMetadata()
    {
        var sut = CreateSut(fittedAt: DateTimeOffset.UnixEpoch);
        var compact = System.Text.Json.Nodes.JsonNode.Parse(sut.ToJson())!.AsObject();
        compact.Remove("version");
        compact.Remove("fittedAt");
        compact.Remove("profile");
        var bytes = System.Text.Encoding.UTF8.GetBytes(compact.ToJsonString());

        Assert.Equal($"fit-{System.IO.Hashing.XxHash64.HashToUInt64(bytes):x16}", sut.Version);
    }

    [Fact]
    public void ToJson_Indented_UsesLineFeedOnly() => Assert.DoesNotContain('\r', CreateSut().ToJson());
}
