using System.Collections.Immutable;

namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>
/// The default spec when a user gives none: numeric → median impute + <c>__is_missing</c> + standardize; text with ≤ 50
/// distinct values → one-hot top-k + other; other text → hashing, or hashed term frequencies when values average ≥ 3
/// whitespace-separated words (free text; emails and codes stay hashed);
/// timestamps/dates → calendar parts with sin/cos; booleans → 0/1 (mode impute); id-like columns, the entity, the event time
/// and labels → Keep; nested → dropped.
/// </summary>
public static class DefaultSpecInference
{
    public const int LowCardinalityLimit = 50;
    public const double FreeTextMeanTokens = 3.0;

    public static DatasetSpec Infer(string datasetName, BatchSchema schema, IReadOnlyDictionary<string, IColumnStatistics>? stats)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetName);
        ArgumentNullException.ThrowIfNull(schema);
        var entity = ColumnRoles.GuessEntityColumn(schema);
        var eventTime = ColumnRoles.GuessEventTimeColumn(schema);
        var columns = ImmutableArray.CreateBuilder<ColumnSpec>(schema.Count);
        foreach (var c in schema.Columns)
        {
            columns.Add(InferColumn(c, Get(stats, c.Name), c.Name == entity || c.Name == eventTime));
        }

        return new DatasetSpec
        {
            Name = datasetName,
            EntityColumn = entity,
            EventTimeColumn = eventTime,
            Columns = columns.ToImmutable(),
            InferUnlistedColumns = true,
        };
    }

    /// <summary>The default for one column; <paramref name="keep"/> for entity, event-time and label columns.</summary>
    internal static ColumnSpec InferColumn(ColumnSchema column, IColumnStatistics? stats, bool keep)
    {
        var spec = new ColumnSpec { Name = column.Name };
        // Hive partition values (date=…, region=…) are constant per object: as features they only leak the partition.
        if (keep || column.SourceType == "hive-partition" || IsIdLike(column, stats))
        {
            return spec with { Transform = new TransformSpec { Kind = TransformKind.Keep } };
        }

        return column.Kind switch
        {
            DataKind.Int64 or DataKind.Double => spec with
            {
                Impute = new ImputeSpec(ImputeStrategy.Median, AddIndicator: true),
                Transform = new TransformSpec { Kind = TransformKind.Standardize },
            },
            DataKind.Boolean => spec with { Impute = new ImputeSpec(ImputeStrategy.Mode), Transform = new TransformSpec { Kind = TransformKind.Boolean } },
            DataKind.Timestamp or DataKind.Date => spec with { Transform = new TransformSpec { Kind = TransformKind.DateParts, Cyclical = true } },
            DataKind.String when stats is not null && stats.DistinctEstimate <= LowCardinalityLimit =>
                spec with { Transform = new TransformSpec { Kind = TransformKind.OneHot, TopK = 20 } },
            DataKind.String when stats is not null && MeanTokens(stats) >= FreeTextMeanTokens =>
                spec with { Transform = new TransformSpec { Kind = TransformKind.TextHash, Buckets = 64 } },
            DataKind.String => spec with { Transform = new TransformSpec { Kind = TransformKind.Hash, Buckets = 32 } },
            _ => spec with { Drop = true },
        };
    }

    /// <summary>Name ends in id/_id/key/uuid (word-wise) and, when statistics are known, at least half the values are distinct.</summary>
    internal static bool IsIdLike(ColumnSchema column, IColumnStatistics? stats)
    {
        if (column.Kind is not (DataKind.String or DataKind.Int64) || !ColumnRoles.HasIdName(column.Name))
        {
            return false;
        }

        var nonNull = stats is null ? 0 : stats.RowCount - stats.NullCount;
        return stats is null || nonNull == 0 || stats.DistinctEstimate >= 0.5 * nonNull;
    }

    private static double MeanTokens(IColumnStatistics stats)
    {
        var sample = stats.TopValues(50);
        if (sample.Count == 0)
        {
            return 0;
        }

        long tokens = 0;
        foreach (var item in sample)
        {
            var inToken = false;
            foreach (var ch in item.Value ?? string.Empty)
            {
                var word = !char.IsWhiteSpace(ch);
                tokens += word && !inToken ? 1 : 0;
                inToken = word;
            }
        }

        return (double)tokens / sample.Count;
    }

    private static IColumnStatistics? Get(IReadOnlyDictionary<string, IColumnStatistics>? stats, string name) =>
        stats is not null && stats.TryGetValue(name, out var s) ? s : null;
}
