using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Profiling;

/// <summary>
/// Builds the profile of one column: <see cref="Add"/> takes a whole column of a batch (one tight loop, no per-value
/// allocation), <see cref="Merge"/> folds in another accumulator (another batch, object or partition), and
/// <see cref="Freeze"/> snapshots an immutable <see cref="ColumnProfile"/>. Not thread-safe.
/// </summary>
public sealed class ColumnProfileAccumulator
{
    private const int ChunkSize = 512;

    /// <summary>Rows between checks of whether a column is near-unique (then its frequent items are dropped).</summary>
    private const int SegmentSize = 16_384;

    /// <summary>A column whose distinct values reach this fraction of its values, once the frequent-items sketch is lossy, has no useful top values.</summary>
    private const double NearUniqueFraction = 0.5;
    private static readonly ulong TrueHash = ValueHash.OfString("true");
    private static readonly ulong FalseHash = ValueHash.OfString("false");

    /// <summary>Hashes and token counts of recently seen strings (working memory only; never frozen or merged).</summary>
    private RecentStrings? _recent;

    public ColumnProfileAccumulator(string name, DataKind kind, ProfilerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Options = (options ?? ProfilerOptions.Default).ThrowIfInvalid();
        Name = name;
        Kind = kind;
        Distinct = new HyperLogLogSketch(Options.DistinctPrecision);
        if (IsNumeric(kind))
        {
            Moments = new MomentsSketch();
            Quantiles = new KllSketch(Options.QuantileK, Options.Seed);
        }

        if (kind is DataKind.String or DataKind.Int64 or DataKind.Boolean)
        {
            Frequent = new FrequentItemsSketch(Options.FrequentItemsMaxTracked);
        }

        if (kind is DataKind.String or DataKind.Nested)
        {
            Text = new TextSketch();
        }

        if (kind is DataKind.String)
        {
            Semantic = new SemanticTypeSketch();
        }
    }

    private ColumnProfileAccumulator(ColumnProfile profile)
    {
        Options = profile.Options;
        Name = profile.Name;
        Kind = profile.Kind;
        RowCount = profile.RowCount;
        NullCount = profile.NullCount;
        Distinct = profile.DistinctSketch.Clone();
        Moments = profile.MomentsSketch?.Clone();
        Quantiles = profile.QuantileSketch?.Clone();
        Frequent = profile.FrequentSketch?.Clone();
        FrequentDropped = profile.TopValuesDropped;
        Text = profile.TextSketch?.Clone();
        Semantic = profile.SemanticSketch?.Clone();
    }

    public string Name { get; }

    public DataKind Kind { get; private set; }

    public ProfilerOptions Options { get; }

    public long RowCount { get; private set; }

    public long NullCount { get; private set; }

    internal HyperLogLogSketch Distinct { get; }

    internal MomentsSketch? Moments { get; }

    internal KllSketch? Quantiles { get; }

    internal FrequentItemsSketch? Frequent { get; private set; }

    /// <summary>Whether top values were dropped because the column is near-unique (so they stay dropped on merge).</summary>
    internal bool FrequentDropped { get; private set; }

    internal TextSketch? Text { get; }

    internal SemanticTypeSketch? Semantic { get; }

    /// <summary>An accumulator that continues from a frozen profile (the profile itself is not changed).</summary>
    public static ColumnProfileAccumulator From(ColumnProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ColumnProfileAccumulator(profile);
    }

    /// <summary>Whether values of <paramref name="a"/> and <paramref name="b"/> can share one profile, and of which kind.</summary>
    public static DataKind? CommonKind(DataKind a, DataKind b) => (a, b) switch
    {
        _ when a == b => a,
        (DataKind.Int64, DataKind.Double) or (DataKind.Double, DataKind.Int64) => DataKind.Double,
        (DataKind.Date, DataKind.Timestamp) or (DataKind.Timestamp, DataKind.Date) => DataKind.Timestamp,
        _ => null,
    };

    public void Add(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Kind != Kind)
        {
            throw new ArgumentException($"Column '{column.Name}' is {column.Kind}, but this accumulator profiles {Kind}.", nameof(column));
        }

        RowCount += column.Length;
        switch (column)
        {
            case DoubleColumn d:
                AddDoubles(d.Values, d.Nulls);
                break;
            case Int64Column l:
                for (var start = 0; start < l.Length; start += SegmentSize)
                {
                    var length = Math.Min(SegmentSize, l.Length - start);
                    AddInt64s(l.Values.Slice(start, length), l.Nulls.IsEmpty ? default : l.Nulls.Slice(start, length));
                    DropFrequentItemsIfNearUnique();
                }

                break;
            case BooleanColumn b:
                AddBooleans(b.Values, b.Nulls);
                break;
            case StringColumn s:
                for (var start = 0; start < s.Length; start += SegmentSize)
                {
                    AddStrings(s.Values.Slice(start, Math.Min(SegmentSize, s.Length - start)));
                    DropFrequentItemsIfNearUnique();
                }

                SampleSemanticTypes(s.Values);

                // The cache only spares work within a batch: keep no strings of a batch alive after it.
                _recent?.Clear();
                break;
            default:
                throw new ArgumentException($"Column '{column.Name}' has an unsupported column type {column.GetType().Name}.", nameof(column));
        }
    }

    /// <summary>Folds <paramref name="other"/> in; kinds must be equal or widenable (<see cref="CommonKind"/>).</summary>
    public void Merge(ColumnProfileAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var kind = CommonKind(Kind, other.Kind)
            ?? throw new ArgumentException($"Column '{Name}': cannot merge a {other.Kind} profile into a {Kind} profile.", nameof(other));
        if (ReferenceEquals(this, other))
        {
            other = From(other.Freeze());
        }

        RowCount += other.RowCount;
        NullCount += other.NullCount;
        Distinct.Merge(other.Distinct);
        if (other.Moments is not null)
        {
            Moments?.Merge(other.Moments);
        }

        if (other.Quantiles is not null)
        {
            Quantiles?.Merge(other.Quantiles);
        }

        if (other.Frequent is not null)
        {
            Frequent?.Merge(other.Frequent);
        }
        else if (other.FrequentDropped)
        {
            Frequent = null;
            FrequentDropped = true;
        }

        if (other.Text is not null)
        {
            Text?.Merge(other.Text);
        }

        if (other.Semantic is not null)
        {
            Semantic?.Merge(other.Semantic);
        }

        if (kind != Kind)
        {
            // Widened to double: integer top values would now miss the double rows.
            Kind = kind;
            if (kind == DataKind.Double)
            {
                Frequent = null;
            }
        }
    }

    public ColumnProfile Freeze() => new(
        Options,
        Name,
        Kind,
        RowCount,
        NullCount,
        Distinct.Clone(),
        Moments?.Clone(),
        Quantiles?.Clone(),
        Frequent?.Clone(),
        Text?.Clone(),
        Semantic?.Clone(),
        FrequentDropped);

    private static bool IsNumeric(DataKind kind) =>
        kind is DataKind.Double or DataKind.Int64 or DataKind.Timestamp or DataKind.Date or DataKind.Boolean;

    private void AddDoubles(ReadOnlySpan<double> values, ReadOnlySpan<bool> nulls)
    {
        Span<double> chunk = stackalloc double[ChunkSize];
        Span<ulong> hashes = stackalloc ulong[ChunkSize];
        int n = 0, h = 0;
        var hasNulls = !nulls.IsEmpty;
        long nullCount = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (hasNulls && nulls[i])
            {
                nullCount++;
                continue;
            }

            var v = values[i];
            hashes[h++] = ValueHash.OfDouble(v);
            if (h == ChunkSize)
            {
                Distinct.AddHashes(hashes);
                h = 0;
            }

            if (double.IsFinite(v))
            {
                chunk[n++] = v;
                if (n == ChunkSize)
                {
                    FlushNumeric(chunk);
                    n = 0;
                }
            }
            else
            {
                Moments!.AddNonFinite(v);
            }
        }

        Distinct.AddHashes(hashes[..h]);
        FlushNumeric(chunk[..n]);
        NullCount += nullCount;
    }

    private void AddInt64s(ReadOnlySpan<long> values, ReadOnlySpan<bool> nulls)
    {
        Span<double> chunk = stackalloc double[ChunkSize];
        Span<ulong> hashes = stackalloc ulong[ChunkSize];
        var n = 0;
        var hasNulls = !nulls.IsEmpty;
        var frequent = Frequent;
        long nullCount = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (hasNulls && nulls[i])
            {
                nullCount++;
                continue;
            }

            var v = values[i];
            var hash = ValueHash.OfInt64(v);
            hashes[n] = hash;
            frequent?.AddInt64(v, hash);
            chunk[n++] = v;
            if (n == ChunkSize)
            {
                Distinct.AddHashes(hashes);
                FlushNumeric(chunk);
                n = 0;
            }
        }

        Distinct.AddHashes(hashes[..n]);
        FlushNumeric(chunk[..n]);
        NullCount += nullCount;
    }

    private void AddBooleans(ReadOnlySpan<bool> values, ReadOnlySpan<bool> nulls)
    {
        Span<double> chunk = stackalloc double[ChunkSize];
        var n = 0;
        var hasNulls = !nulls.IsEmpty;
        long trues = 0, falses = 0, nullCount = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (hasNulls && nulls[i])
            {
                nullCount++;
                continue;
            }

            var v = values[i];
            trues += v ? 1 : 0;
            falses += v ? 0 : 1;
            chunk[n++] = v ? 1 : 0;
            if (n == ChunkSize)
            {
                FlushNumeric(chunk);
                n = 0;
            }
        }

        FlushNumeric(chunk[..n]);
        NullCount += nullCount;
        if (trues > 0)
        {
            Distinct.AddHash(TrueHash);
            Frequent!.AddString("true", TrueHash, trues);
        }

        if (falses > 0)
        {
            Distinct.AddHash(FalseHash);
            Frequent!.AddString("false", FalseHash, falses);
        }
    }

    private void AddStrings(ReadOnlySpan<string?> values)
    {
        // The cache pays off for repeated values only: if the first values of a segment rarely hit, the rest skip it.
        var probe = Math.Min(values.Length, RecentStrings.ProbeLength);
        var hits = AddStringsCached(values[..probe]);
        if (hits >= probe / RecentStrings.MinHitShare)
        {
            AddStringsCached(values[probe..]);
        }
        else
        {
            AddStringsUncached(values[probe..]);
        }
    }

    /// <summary>Adds strings through the cache of recent strings; returns how many hit it.</summary>
    private int AddStringsCached(ReadOnlySpan<string?> values)
    {
        var frequent = Kind == DataKind.String ? Frequent : null;
        var text = Text!;
        var countTokens = Kind == DataKind.String;
        var cache = _recent ??= new RecentStrings();
        var hits = 0;
        long nullCount = 0;
        foreach (var s in values)
        {
            if (s is null)
            {
                nullCount++;
                continue;
            }

            ulong hash;
            int tokens;
            var slot = RecentStrings.Slot(s);
            if (string.Equals(cache.Strings[slot], s, StringComparison.Ordinal))
            {
                // Seen just now: its hash is already in the distinct sketch (adding it again changes nothing).
                hash = cache.Hashes[slot];
                tokens = cache.Tokens[slot];
                hits++;
            }
            else
            {
                hash = ValueHash.OfString(s);
                Distinct.AddHash(hash);
                tokens = countTokens ? TextTokens.Count(s) : 0;
                cache.Strings[slot] = s;
                cache.Hashes[slot] = hash;
                cache.Tokens[slot] = tokens;
            }

            frequent?.AddString(s, hash);
            text.Add(s.Length, tokens);
        }

        NullCount += nullCount;
        return hits;
    }

    private void AddStringsUncached(ReadOnlySpan<string?> values)
    {
        var frequent = Kind == DataKind.String ? Frequent : null;
        var text = Text!;
        var countTokens = Kind == DataKind.String;
        long nullCount = 0;
        foreach (var s in values)
        {
            if (s is null)
            {
                nullCount++;
                continue;
            }

            var hash = ValueHash.OfString(s);
            Distinct.AddHash(hash);
            frequent?.AddString(s, hash);
            text.Add(s.Length, countTokens ? TextTokens.Count(s) : 0);
        }

        NullCount += nullCount;
    }

    private void SampleSemanticTypes(ReadOnlySpan<string?> values)
    {
        if (Semantic is null || values.IsEmpty)
        {
            return;
        }

        var stride = Math.Max(1, values.Length / SemanticTypeSketch.SamplePerBatch);
        for (var i = 0; i < values.Length; i += stride)
        {
            if (values[i] is { } s)
            {
                Semantic.Add(s);
            }
        }
    }

    /// <summary>
    /// Ids, emails and free text would make the frequent-items sketch purge constantly for counts that mean nothing:
    /// once it is lossy and the distinct count is a large fraction of the values, stop tracking (a profile merged with
    /// such a column has no top values either).
    /// </summary>
    private void DropFrequentItemsIfNearUnique()
    {
        if (Frequent is { MaximumError: > 0 } frequent
            && Distinct.Estimate() >= NearUniqueFraction * frequent.TotalCount)
        {
            Frequent = null;
            FrequentDropped = true;
        }
    }

    private void FlushNumeric(ReadOnlySpan<double> finite)
    {
        Moments!.AddFinite(finite);
        Quantiles!.AddNonNaN(finite);
    }

    /// <summary>
    /// A direct-mapped cache of recent strings with their hash and token count: categorical columns repeat a few values
    /// (often the very same instance, when a reader hands out one per dictionary entry), and a hit skips hashing, the
    /// distinct sketch and tokenizing. A hit needs equal content, so the profile is the same with or without it.
    /// </summary>
    private sealed class RecentStrings
    {
        /// <summary>Values of each segment that always go through the cache, to measure its hit rate.</summary>
        public const int ProbeLength = 1024;

        /// <summary>The cache stays on for the rest of a segment when at least 1 / this of the probed values hit.</summary>
        public const int MinHitShare = 4;

        private const int Size = 256; // Slot takes the top 8 bits of a 32-bit mix

        public readonly string?[] Strings = new string?[Size];
        public readonly ulong[] Hashes = new ulong[Size];
        public readonly int[] Tokens = new int[Size];

        /// <summary>Mixes the length and the last two, middle and first characters (codes like "cat_07" differ at the end).</summary>
        public static int Slot(string s)
        {
            var length = s.Length;
            if (length == 0)
            {
                return 0;
            }

            var mixed = s[length - 1] * 0x9E3779B1u
                + s[length >= 2 ? length - 2 : 0] * 0x85EBCA77u
                + s[length >> 1] * 0xC2B2AE3Du
                + s[0] * 0x165667B1u
                + (uint)length * 0x27D4EB2Fu;
            return (int)(mixed >> 24);
        }

        public void Clear() => Array.Clear(Strings);
    }
}
