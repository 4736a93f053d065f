using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// Counts of what sampled text values look like. The caller samples a bounded number of values per batch, so the cost
/// does not grow with the batch; counts add on merge. The inferred type is the pattern holding at least
/// <see cref="PatternFraction"/> of the sample, else categorical or free text from cardinality and token counts.
/// </summary>
public sealed class SemanticTypeSketch
{
    /// <summary>Values classified per batch at most (spread evenly over the batch).</summary>
    public const int SamplePerBatch = 64;

    public const double PatternFraction = 0.9;

    /// <summary>At most this many distinct values, or ...</summary>
    public const int CategoricalMaxDistinct = 1000;

    /// <summary>... distinct values at most this fraction of the non-null values: categorical.</summary>
    public const double CategoricalMaxDistinctRatio = 0.05;

    private readonly long[] _counts = new long[TextPattern.Count];

    public long Sampled { get; private set; }

    public void Add(ReadOnlySpan<char> value)
    {
        _counts[TextPattern.Classify(value)]++;
        Sampled++;
    }

    public void Merge(SemanticTypeSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Sampled += other.Sampled;
    }

    public SemanticTypeSketch Clone()
    {
        var copy = new SemanticTypeSketch();
        copy.Merge(this);
        return copy;
    }

    /// <summary>Fraction of the sample that matched the pattern of <paramref name="type"/> (0 for types that are not patterns).</summary>
    public double Fraction(SemanticType type)
    {
        var index = type switch
        {
            SemanticType.Email => TextPattern.Email,
            SemanticType.Url => TextPattern.Url,
            SemanticType.Phone => TextPattern.Phone,
            SemanticType.DateInText => TextPattern.Date,
            SemanticType.NumericInText => TextPattern.Numeric,
            _ => -1,
        };
        return index < 0 || Sampled == 0 ? 0 : (double)_counts[index] / Sampled;
    }

    public SemanticType Infer(double distinctEstimate, long nonNullCount, double meanTokens)
    {
        if (Sampled == 0 || nonNullCount == 0)
        {
            return SemanticType.Unknown;
        }

        foreach (var type in (ReadOnlySpan<SemanticType>)[SemanticType.Email, SemanticType.Url, SemanticType.Phone, SemanticType.DateInText, SemanticType.NumericInText])
        {
            if (Fraction(type) >= PatternFraction)
            {
                return type;
            }
        }

        var categorical = distinctEstimate <= CategoricalMaxDistinct
            || distinctEstimate <= CategoricalMaxDistinctRatio * nonNullCount;
        if (categorical && (meanTokens < 3 || distinctEstimate <= CategoricalMaxDistinctRatio * nonNullCount))
        {
            return SemanticType.Categorical;
        }

        return SemanticType.FreeText;
    }

    internal void WriteTo(ProfileBinaryWriter writer)
    {
        var section = writer.BeginSection();
        writer.WriteInt32(_counts.Length);
        foreach (var c in _counts)
        {
            writer.WriteInt64(c);
        }

        writer.EndSection(section);
    }

    internal static SemanticTypeSketch ReadFrom(ref ProfileBinaryReader reader)
    {
        var section = reader.ReadSection();
        var sketch = new SemanticTypeSketch();
        var n = section.ReadCount(256);
        for (var i = 0; i < n; i++)
        {
            var c = section.ReadInt64();

            // Patterns a newer writer knows and this reader does not are counted as "other".
            sketch._counts[Math.Min(i, TextPattern.Other)] += c;
            sketch.Sampled += c;
        }

        return sketch;
    }
}
