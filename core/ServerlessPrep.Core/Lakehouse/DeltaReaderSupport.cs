namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// Which tables and files we can read correctly as plain Parquet. Anything else is skipped with a reason naming the feature:
/// reading it anyway would give wrong results (deleted rows back, wrong column names, missing checkpoint files).
/// </summary>
internal static class DeltaReaderSupport
{
    /// <summary>Reader features we handle: deletion vectors per file (skipped), column mapping by its mode, the rest need nothing.</summary>
    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal) { "deletionVectors", "columnMapping", "timestampNtz", "vacuumProtocolCheck" };

    public const string DeletionVectorReason =
        "Delta feature 'deletionVectors' is not supported: this file has a deletion vector (some of its rows are deleted), and reading the Parquet file alone would bring them back";

    /// <summary>Why no file of a table with this protocol and metadata can be processed, or null when they can.</summary>
    public static string? TableProblem(DeltaProtocol? protocol, DeltaMetadata? metadata)
    {
        if (protocol is not null)
        {
            if (protocol.MinReaderVersion > 3)
            {
                return $"Delta reader version {protocol.MinReaderVersion} is not supported (at most 3); the table's files are not processed";
            }

            var unknown = protocol.ReaderFeatures.Where(f => !Handled.Contains(f)).ToArray();
            if (unknown.Length > 0)
            {
                return $"Delta reader feature(s) {string.Join(", ", unknown.Select(f => $"'{f}'"))} not supported; the table's files are not processed (reading them as plain Parquet could give wrong results)";
            }
        }

        if (metadata?.ColumnMappingMode is { } mode && !string.Equals(mode, "none", StringComparison.OrdinalIgnoreCase))
        {
            return $"Delta feature 'columnMapping' (delta.columnMapping.mode={mode}) is not supported: the Parquet files hold physical column names, not the table's";
        }

        return null;
    }
}
