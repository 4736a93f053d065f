using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Quality;

/// <summary>Chooses the columns to compare (<c>drift.columns</c>, or a default) and compares an object's profile with the reference.</summary>
public static class DriftEvaluator
{
    public static IReadOnlyList<ColumnDriftVerdict> Evaluate(DatasetSpec spec, DatasetProfile reference, DatasetProfile current, IReadOnlyCollection<string> partitionColumns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(partitionColumns);
        var result = new List<ColumnDriftVerdict>();
        if (!spec.Drift.Enabled)
        {
            return result;
        }

        var explicitColumns = !spec.Drift.Columns.IsEmpty;
        var names = explicitColumns
            ? (IEnumerable<string>)spec.Drift.Columns
            : reference.Columns.Where(c => IsMonitoredByDefault(spec, c, partitionColumns)).Select(c => c.Name);
        foreach (var name in names)
        {
            var expected = reference.Find(name);
            var actual = current.Find(name);
            if (expected is null)
            {
                result.Add(new ColumnDriftVerdict { Column = name, Reason = "not in the reference profile; not compared" });
            }
            else if (actual is null)
            {
                result.Add(new ColumnDriftVerdict { Column = name, Drifted = true, Reason = "column missing from this object" });
            }
            else if (ColumnProfileAccumulator.CommonKind(expected.Kind, actual.Kind) is null)
            {
                result.Add(new ColumnDriftVerdict { Column = name, Drifted = true, Reason = $"kind changed from {expected.Kind} to {actual.Kind}" });
            }
            else
            {
                result.Add(ColumnDriftVerdict.From(DriftDetector.Compare(expected, actual, spec.Drift.Thresholds)));
            }
        }

        return result;
    }

    /// <summary>Numbers, booleans and categorical text; not ids, the entity, the event time, time columns, free text or Hive partition values (constant per object by construction).</summary>
    public static bool IsMonitoredByDefault(DatasetSpec spec, ColumnProfile column, IReadOnlyCollection<string> partitionColumns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(partitionColumns);
        if (column.Name == spec.EntityColumn || column.Name == spec.EventTimeColumn || partitionColumns.Contains(column.Name)
            || ColumnRoles.HasIdName(column.Name) || spec.FindColumn(column.Name) is { Drop: true })
        {
            return false;
        }

        return column.Kind switch
        {
            DataKind.Int64 or DataKind.Double or DataKind.Boolean => true,
            DataKind.String => column.SemanticType == SemanticType.Categorical,
            _ => false,
        };
    }
}
