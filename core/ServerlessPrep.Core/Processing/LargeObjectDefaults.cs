using System.Globalization;

namespace ServerlessPrep.Core.Processing;

/// <summary>Defaults of the large-object split, overridable by environment variables (hosts and tests set them without code).</summary>
internal static class LargeObjectDefaults
{
    public const string ThresholdVariable = "SERVERLESSPREP_LARGE_OBJECT_BYTES";

    public const string RowGroupsPerPartVariable = "SERVERLESSPREP_ROW_GROUPS_PER_PART";

    public static long ThresholdBytes()
        => long.TryParse(Environment.GetEnvironmentVariable(ThresholdVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 512L * 1024 * 1024;

    public static bool ThresholdConfigured() => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ThresholdVariable));

    public static int RowGroupsPerPart()
        => int.TryParse(Environment.GetEnvironmentVariable(RowGroupsPerPartVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var groups) && groups > 0 ? groups : 4;
}
