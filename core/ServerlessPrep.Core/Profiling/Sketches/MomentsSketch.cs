using System.Runtime.Intrinsics;
using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// Count, mean and central moments M2..M4 of the finite values, plus min, max and NaN/±∞ counts. Values arrive in
/// chunks: a chunk's moments are computed in two vectorized passes (Vector256: sum/min/max, then centred powers), then combined with the running
/// ones by the pairwise update of Chan et al. / Terriberry, which is also <see cref="Merge"/>.
/// </summary>
public sealed class MomentsSketch
{
    public long Count { get; private set; }

    public double Mean { get; private set; }

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2 { get; private set; }

    public double M3 { get; private set; }

    public double M4 { get; private set; }

    public double Min { get; private set; } = double.NaN;

    public double Max { get; private set; } = double.NaN;

    public long NaNCount { get; private set; }

    public long PositiveInfinityCount { get; private set; }

    public long NegativeInfinityCount { get; private set; }

    /// <summary>Sample variance (n − 1); NaN below two values.</summary>
    public double Variance => Count < 2 ? double.NaN : M2 / (Count - 1);

    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Population skewness g1; NaN when undefined.</summary>
    public double Skewness => Count < 2 || M2 == 0 ? double.NaN : Math.Sqrt(Count) * M3 / Math.Pow(M2, 1.5);

    /// <summary>Population excess kurtosis g2; NaN when undefined.</summary>
    public double ExcessKurtosis => Count < 2 || M2 == 0 ? double.NaN : Count * M4 / (M2 * M2) - 3;

    /// <summary>Counts a non-finite value (callers route NaN and infinities here and finite values to <see cref="AddFinite"/>).</summary>
    public void AddNonFinite(double value)
    {
        if (double.IsNaN(value))
        {
            NaNCount++;
        }
        else if (double.IsPositiveInfinity(value))
        {
            PositiveInfinityCount++;
        }
        else
        {
            NegativeInfinityCount++;
        }
    }

    /// <summary>Adds finite values (the caller has filtered out nulls, NaN and infinities).</summary>
    public void AddFinite(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        double sum = 0, min = values[0], max = values[0];
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 2 * Vector256<double>.Count)
        {
            var vSum = Vector256<double>.Zero;
            var vMin = Vector256.Create(min);
            var vMax = vMin;
            for (; i + Vector256<double>.Count <= values.Length; i += Vector256<double>.Count)
            {
                var v = Vector256.Create(values.Slice(i, Vector256<double>.Count));
                vSum += v;
                vMin = Vector256.Min(vMin, v);
                vMax = Vector256.Max(vMax, v);
            }

            sum = Vector256.Sum(vSum);
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                min = vMin[lane] < min ? vMin[lane] : min;
                max = vMax[lane] > max ? vMax[lane] : max;
            }
        }

        for (; i < values.Length; i++)
        {
            // Plain comparisons: the values are finite, so Math.Min's NaN and signed-zero handling is not needed.
            var v = values[i];
            sum += v;
            min = v < min ? v : min;
            max = v > max ? v : max;
        }

        var mean = sum / values.Length;
        double m2 = 0, m3 = 0, m4 = 0;
        i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 2 * Vector256<double>.Count)
        {
            var vMean = Vector256.Create(mean);
            Vector256<double> v2 = default, v3 = default, v4 = default;
            for (; i + Vector256<double>.Count <= values.Length; i += Vector256<double>.Count)
            {
                var d = Vector256.Create(values.Slice(i, Vector256<double>.Count)) - vMean;
                var d2 = d * d;
                v2 += d2;
                v3 += d2 * d;
                v4 += d2 * d2;
            }

            (m2, m3, m4) = (Vector256.Sum(v2), Vector256.Sum(v3), Vector256.Sum(v4));
        }

        for (; i < values.Length; i++)
        {
            var d = values[i] - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        Combine(values.Length, mean, m2, m3, m4, min, max);
    }

    /// <summary>Adds any values: NaN and infinities are counted, the finite ones feed the moments.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        Span<double> chunk = stackalloc double[256];
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                chunk[n++] = v;
                if (n == chunk.Length)
                {
                    AddFinite(chunk);
                    n = 0;
                }
            }
            else
            {
                AddNonFinite(v);
            }
        }

        AddFinite(chunk[..n]);
    }

    public void Merge(MomentsSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        NaNCount += other.NaNCount;
        PositiveInfinityCount += other.PositiveInfinityCount;
        NegativeInfinityCount += other.NegativeInfinityCount;
        if (other.Count > 0)
        {
            Combine(other.Count, other.Mean, other.M2, other.M3, other.M4, other.Min, other.Max);
        }
    }

    public MomentsSketch Clone()
    {
        var copy = new MomentsSketch();
        copy.Merge(this);
        return copy;
    }

    internal void WriteTo(ProfileBinaryWriter writer)
    {
        var section = writer.BeginSection();
        writer.WriteInt64(Count);
        writer.WriteDouble(Mean);
        writer.WriteDouble(M2);
        writer.WriteDouble(M3);
        writer.WriteDouble(M4);
        writer.WriteDouble(Min);
        writer.WriteDouble(Max);
        writer.WriteInt64(NaNCount);
        writer.WriteInt64(PositiveInfinityCount);
        writer.WriteInt64(NegativeInfinityCount);
        writer.EndSection(section);
    }

    internal static MomentsSketch ReadFrom(ref ProfileBinaryReader reader)
    {
        var section = reader.ReadSection();
        return new MomentsSketch
        {
            Count = section.ReadInt64(),
            Mean = section.ReadDouble(),
            M2 = section.ReadDouble(),
            M3 = section.ReadDouble(),
            M4 = section.ReadDouble(),
            Min = section.ReadDouble(),
            Max = section.ReadDouble(),
            NaNCount = section.ReadInt64(),
            PositiveInfinityCount = section.ReadInt64(),
            NegativeInfinityCount = section.ReadInt64(),
        };
    }

    private void Combine(long nb, double meanB, double m2b, double m3b, double m4b, double minB, double maxB)
    {
        if (Count == 0)
        {
            (Count, Mean, M2, M3, M4, Min, Max) = (nb, meanB, m2b, m3b, m4b, minB, maxB);
            return;
        }

        double na = Count, nbD = nb;
        var n = na + nbD;
        var delta = meanB - Mean;
        var d2 = delta * delta;
        var m2 = M2 + m2b + d2 * na * nbD / n;
        var m3 = M3 + m3b + d2 * delta * na * nbD * (na - nbD) / (n * n)
            + 3 * delta * (na * m2b - nbD * M2) / n;
        var m4 = M4 + m4b + d2 * d2 * na * nbD * (na * na - na * nbD + nbD * nbD) / (n * n * n)
            + 6 * d2 * (na * na * m2b + nbD * nbD * M2) / (n * n)
            + 4 * delta * (na * m3b - nbD * M3) / n;
        Mean += delta * nbD / n;
        (M2, M3, M4) = (m2, m3, m4);
        Count += nb;
        Min = Math.Min(Min, minB);
        Max = Math.Max(Max, maxB);
    }
}
