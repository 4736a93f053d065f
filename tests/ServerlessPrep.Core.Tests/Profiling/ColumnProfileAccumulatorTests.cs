using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Core.Tests.Profiling;

public sealed class ColumnProfileAccumulatorTests
{
    [Fact]
    public void Add_DoublesWithNullsAndNonFinite_CountsSeparately()
    {
        var sut = new ColumnProfileAccumulator("x", DataKind.Double);
        sut.Add(Batches.Doubles("x", [1, null, 3, double.NaN, double.PositiveInfinity, null, 5]));

        var profile = sut.Freeze();

        Assert.Equal(7, profile.RowCount);
        Assert.Equal(2, profile.NullCount);
        Assert.Equal(3, profile.ValueCount);
        Assert.Equal((1L, 1L, 0L), (profile.NaNCount, profile.PositiveInfinityCount, profile.NegativeInfinityCount));
        Assert.Equal((1d, 5d, 3d, 4d), (profile.Min, profile.Max, profile.Mean, profile.Variance));
        Assert.Equal(3, profile.Quantile(0.5));
        Assert.Equal(5, profile.DistinctEstimate);
    }

    [Fact]
    public void Add_AllNull_NoNumericStatistics()
    {
        var sut = new ColumnProfileAccumulator("x", DataKind.Double);
        sut.Add(Batches.Doubles("x", [null, null]));

        var profile = sut.Freeze();

        Assert.Equal(2, profile.NullCount);
        Assert.Null(profile.Min);
        Assert.Null(profile.Mean);
        Assert.Null(profile.Quantile(0.5));
        Assert.Empty(profile.Histogram());
        Assert.Equal(0, profile.DistinctEstimate);
    }

    [Fact]
    public void Add_SingleValue_DegenerateButDefined()
    {
        var sut = new ColumnProfileAccumulator("x", DataKind.Int64);
        sut.Add(Batches.Longs("x", Enumerable.Repeat(42L, 1000).ToArray()));

        var profile = sut.Freeze();

        Assert.Equal((42d, 42d, 42d, 0d), (profile.Min, profile.Max, profile.Mean, profile.Variance));
        Assert.Equal(42, profile.Quantile(0.99));
        Assert.Equal(1, profile.DistinctEstimate);
        Assert.Equal(new ItemCount("42", 1000), Assert.Single(profile.TopValues(5)));
        Assert.Equal(new HistogramBin(42, 42, 1000), Assert.Single(profile.Histogram()));
        Assert.Null(profile.Skewness);
    }

    [Fact]
    public void Add_Booleans_ZeroOneStatisticsAndTopValues()
    {
        var sut = new ColumnProfileAccumulator("b", DataKind.Boolean);
        sut.Add(Batches.Booleans("b", [true, true, false, null]));

        var profile = sut.Freeze();

        Assert.Equal(2.0 / 3, profile.Mean!.Value, 12);
        Assert.Equal([new ItemCount("true", 2), new ItemCount("false", 1)], profile.TopValues(5));
        Assert.Equal(2, profile.DistinctEstimate);
    }

    [Fact]
    public void Add_Strings_TextStatisticsAndSemanticType()
    {
        var sut = new ColumnProfileAccumulator("email", DataKind.String);
        var values = Enumerable.Range(0, 5000).Select(i => i % 10 == 0 ? null : $"person{i}@example.com").ToArray();
        sut.Add(Batches.Strings("email", values));

        var profile = sut.Freeze();

        Assert.Equal(500, profile.NullCount);
        Assert.Equal(SemanticType.Email, profile.SemanticType);
        Assert.Equal(1, profile.Text!.MinTokens);
        Assert.Equal("person1@example.com".Length, profile.Text.MinLength);
        Assert.Null(profile.Mean);
        Assert.InRange(profile.DistinctEstimate, 4500 * 0.98, 4500 * 1.02);
    }

    [Fact]
    public void Add_WrongKind_Throws()
    {
        var sut = new ColumnProfileAccumulator("x", DataKind.Double);

        Assert.Throws<ArgumentException>(() => sut.Add(Batches.Longs("x", [1])));
    }

    [Fact]
    public void Histogram_Uniform_CountsAddUpAndAreEven()
    {
        var sut = new ColumnProfileAccumulator("x", DataKind.Double);
        var data = TestData.Uniform(100_000, 9);
        sut.Add(new DoubleColumn("x", data, null, data.Length));

        var bins = sut.Freeze().Histogram(10);

        Assert.Equal(100_000, bins.Sum(b => b.Count));
        Assert.All(bins, b => Assert.InRange(b.Count, 10_000 - 1_500, 10_000 + 1_500));
    }

    [Fact]
    public void Merge_Int64IntoDouble_Widens()
    {
        var doubles = new ColumnProfileAccumulator("x", DataKind.Double);
        doubles.Add(Batches.Doubles("x", [1.5]));
        var longs = new ColumnProfileAccumulator("x", DataKind.Int64);
        longs.Add(Batches.Longs("x", [3]));

        longs.Merge(doubles);

        Assert.Equal(DataKind.Double, longs.Kind);
        Assert.Equal(2.25, longs.Freeze().Mean);
    }

    [Fact]
    public void Add_RepeatedStringInstances_SameProfileAsDistinctCopies()
    {
        // A dictionary-encoded page hands out one instance per entry; the instance cache must not change any statistic.
        var random = new Random(5);
        var dictionary = Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? $"word{i} and more words {i}" : $"category-{i:000}").ToArray();
        var shared = Enumerable.Range(0, 40_000).Select(_ => random.Next(25) == 0 ? null : dictionary[random.Next(dictionary.Length)]).ToArray();
        var copies = shared.Select(s => s is null ? null : new string(s.AsSpan())).ToArray();
        var withInstances = new ColumnProfileAccumulator("s", DataKind.String);
        var withCopies = new ColumnProfileAccumulator("s", DataKind.String);

        withInstances.Add(Batches.Strings("s", shared));
        withCopies.Add(Batches.Strings("s", copies));

        var expected = withCopies.Freeze();
        var actual = withInstances.Freeze();
        Assert.Equal(300, expected.DistinctEstimate);
        Assert.Equal(ProfileBinarySerializer.SerializeColumn(expected), ProfileBinarySerializer.SerializeColumn(actual));
        Assert.Equal(expected.TopValues(5), actual.TopValues(5));
        Assert.Equal(expected.Text, actual.Text);
    }
}
