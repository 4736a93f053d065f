using FsCheck.Xunit;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Tests.Profiling.Sketches;

public sealed class DoubleRadixSortTests
{
    [Property(MaxTest = 300)]
    public void Sort_AnyNonNaNValues_SameAsComparisonSort(double[] values, int[] repeats)
    {
        // FsCheck doubles include NaN, ±∞, ±0 and subnormals; repeating them makes the radix path (≥ 64 items) run.
        var input = values.Concat(repeats.SelectMany(r => values.Take(Math.Abs(r) % 8))).Where(v => !double.IsNaN(v)).ToArray();
        while (input.Length is > 0 and < 200)
        {
            input = [.. input, .. input];
        }

        var expected = input.ToArray();
        Array.Sort(expected);
        var actual = input.ToArray();

        DoubleRadixSort.Sort(actual, new ulong[2 * actual.Length]);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Sort_SignedZerosAndExtremes_NumericOrderNegativeZeroFirst()
    {
        var random = new Random(7);
        var specials = new[] { 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, 1, -1 };
        var input = Enumerable.Range(0, 500).Select(i => i % 5 == 0 ? specials[random.Next(specials.Length)] : random.NextDouble() * 2e6 - 1e6).ToArray();

        DoubleRadixSort.Sort(input, new ulong[2 * input.Length]);

        for (var i = 1; i < input.Length; i++)
        {
            Assert.True(input[i - 1] <= input[i], $"{input[i - 1]:R} before {input[i]:R} at {i}");
            if (input[i] == 0 && input[i - 1] == 0)
            {
                Assert.False(double.IsNegative(input[i]) && !double.IsNegative(input[i - 1]), "-0.0 must precede 0.0");
            }
        }

        Assert.Equal(double.NegativeInfinity, input[0]);
        Assert.Equal(double.PositiveInfinity, input[^1]);
    }

    [Fact]
    public void Sort_SmallIntegers_Sorted()
    {
        var input = Enumerable.Range(0, 1_000).Select(i => (double)((i * 7919) % 10)).ToArray();

        DoubleRadixSort.Sort(input, new ulong[2 * input.Length]);

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (double)(i / 100)), input);
    }

    [Theory]
    [InlineData(3, 100)]
    [InlineData(200, 2)]
    public void Sort_ClustersDifferingOnlyInLowBytes_SameAsComparisonSort(int clusters, int perCluster)
    {
        // Many keys tie on their top bytes: the insertion pass either finishes the order or hands over to a full sort.
        var random = new Random(clusters);
        var input = Enumerable.Range(0, clusters * perCluster)
            .Select(i => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.5 * Math.Pow(10, i % clusters % 12) * (1 + i % clusters)) + random.Next(1 << 20)))
            .Select(v => random.Next(3) == 0 ? -v : v)
            .ToArray();
        var expected = input.ToArray();
        Array.Sort(expected);

        DoubleRadixSort.Sort(input, new ulong[2 * input.Length]);

        Assert.Equal(expected, input);
    }
}
