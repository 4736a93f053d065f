using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Specs;

/// <summary>The words a spec file uses for each enum, shared by the parser and the writer so they never disagree.</summary>
internal static class SpecVocabulary
{
    public static readonly (string Name, InputFormat Value)[] Formats =
        [("auto", InputFormat.Auto), ("parquet", InputFormat.Parquet), ("csv", InputFormat.Csv), ("jsonl", InputFormat.JsonLines)];

    public static readonly (string Name, TableLayout Value)[] Tables = [("auto", TableLayout.Auto), ("delta", TableLayout.Delta), ("files", TableLayout.Files)];

    public static readonly (string Name, DataKind Value)[] Kinds =
        [("boolean", DataKind.Boolean), ("int64", DataKind.Int64), ("double", DataKind.Double), ("string", DataKind.String), ("timestamp", DataKind.Timestamp), ("date", DataKind.Date)];

    public static readonly (string Name, TextCase Value)[] Cases = [("none", TextCase.None), ("lower", TextCase.Lower), ("upper", TextCase.Upper)];

    public static readonly (string Name, ImputeStrategy Value)[] Imputes =
        [("none", ImputeStrategy.None), ("mean", ImputeStrategy.Mean), ("median", ImputeStrategy.Median), ("mode", ImputeStrategy.Mode), ("constant", ImputeStrategy.Constant)];

    public static readonly (string Name, OutlierMethod Value)[] OutlierMethods = [("iqr", OutlierMethod.Iqr), ("zscore", OutlierMethod.ZScore)];

    public static readonly (string Name, OutlierAction Value)[] OutlierActions =
        [("clip", OutlierAction.Clip), ("winsorize", OutlierAction.Winsorize), ("drop", OutlierAction.Drop)];

    public static readonly (string Name, TransformKind Value)[] Transforms =
    [
        ("passthrough", TransformKind.Passthrough), ("standardize", TransformKind.Standardize), ("minmax", TransformKind.MinMax),
        ("log1p", TransformKind.Log1p), ("bucketize", TransformKind.Bucketize), ("onehot", TransformKind.OneHot),
        ("ordinal", TransformKind.Ordinal), ("hash", TransformKind.Hash), ("datetime", TransformKind.DateParts),
        ("text", TransformKind.TextHash), ("boolean", TransformKind.Boolean), ("keep", TransformKind.Keep),
    ];

    public static readonly (string Name, RuleKind Value)[] Rules =
    [
        ("not_null", RuleKind.NotNull), ("range", RuleKind.Range), ("allowed", RuleKind.Allowed), ("regex", RuleKind.Regex),
        ("unique", RuleKind.Unique), ("completeness", RuleKind.Completeness), ("row_count", RuleKind.RowCount),
    ];

    public static readonly (string Name, RuleAction Value)[] RuleActions = [("reject", RuleAction.Reject), ("warn", RuleAction.Warn), ("fail", RuleAction.Fail)];

    public static readonly (string Name, DedupKeep Value)[] DedupKeeps = [("first", DedupKeep.First), ("last", DedupKeep.Last)];

    public static readonly (string Name, SplitMethod Value)[] SplitMethods = [("hash", SplitMethod.Hash), ("time", SplitMethod.Time)];

    public static readonly (string Name, MonitorAction Value)[] MonitorActions = [("warn", MonitorAction.Warn), ("quarantine", MonitorAction.Quarantine)];

    public static readonly (string Name, AnomalyMetric Value)[] AnomalyMetrics =
        [("row_count", AnomalyMetric.RowCount), ("null_rate", AnomalyMetric.NullRate), ("mean", AnomalyMetric.Mean)];

    public static readonly (string Name, AnomalyDetectorKind Value)[] AnomalyDetectors =
        [("rate_of_change", AnomalyDetectorKind.RateOfChange), ("online_normal", AnomalyDetectorKind.OnlineNormal)];

    public static string NameOf<T>((string Name, T Value)[] table, T value)
        where T : struct, Enum
    {
        foreach (var (name, v) in table)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "No spec word for this value.");
    }
}
