using Parquet;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Decides whether an object is split into parts and plans them: a Parquet object above the threshold with more than one row
/// group, whose spec keeps no state across rows of the object (dedup, unique, completeness and row-count rules need every row
/// of the object in one pass). Parts are ranges of whole row groups, taken from the footer.
/// </summary>
internal static class LargeObjectPlanner
{
    /// <summary>Why an object above the threshold is processed whole, or null when its spec allows parts.</summary>
    public static string? WholeBecause(DatasetSpec? spec)
    {
        if (spec is null)
        {
            return null;
        }

        if (spec.Format is not (InputFormat.Parquet or InputFormat.Auto))
        {
            return $"format {spec.Format} is read as one stream";
        }

        if (spec.Dedup is not null)
        {
            return "dedup needs every key of the object";
        }

        var rule = spec.Rules.FirstOrDefault(r => r.Kind is RuleKind.Unique or RuleKind.Completeness or RuleKind.RowCount);
        return rule is null ? null : $"rule {rule.Name} is evaluated over the whole object";
    }

    /// <summary>
    /// The row counts of the object's row groups, or null when it is not a readable Parquet file (the whole run then reports
    /// why). Only store faults propagate (as transient); anything the file itself causes means "process it whole".
    /// </summary>
    public static async Task<IReadOnlyList<long>?> RowGroupsAsync(IObjectStore lake, ObjectInfo info, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await lake.OpenReadAsync(info, cancellationToken).ConfigureAwait(false);
            if (!stream.CanSeek)
            {
                return null;
            }

            var magic = new byte[4];
            if (await stream.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < magic.Length || !magic.AsSpan().SequenceEqual("PAR1"u8))
            {
                return null;
            }

            stream.Position = 0;
            await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions(), leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            var rows = new long[reader.RowGroupCount];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = reader.RowGroups[i].RowCount;
            }

            return rows;
        }
        catch (Exception e) when (e is not (OperationCanceledException or TransientStorageException or ObjectChangedException or HttpRequestException or TimeoutException))
        {
            return null;
        }
    }

    /// <summary>Consecutive ranges of <paramref name="rowGroupsPerPart"/> row groups (the last may be shorter).</summary>
    public static IReadOnlyList<ObjectPart> Plan(IReadOnlyList<long> rowGroups, int rowGroupsPerPart, string runId, int phase)
    {
        var count = (rowGroups.Count + rowGroupsPerPart - 1) / rowGroupsPerPart;
        var parts = new List<ObjectPart>(count);
        long firstRow = 0;
        for (var index = 0; index < count; index++)
        {
            var first = index * rowGroupsPerPart;
            var groups = Math.Min(rowGroupsPerPart, rowGroups.Count - first);
            long rows = 0;
            for (var g = first; g < first + groups; g++)
            {
                rows += rowGroups[g];
            }

            parts.Add(new ObjectPart(runId, phase, index, count, first, groups, firstRow, rows));
            firstRow += rows;
        }

        return parts;
    }
}
