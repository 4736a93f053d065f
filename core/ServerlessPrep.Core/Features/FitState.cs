using System.Collections.Immutable;

namespace ServerlessPrep.Core.Features;

/// <summary>
/// The frozen parameters of every cleaning and feature stage for one dataset: what <see cref="TransformFitter"/> fitted and
/// what <see cref="Cleaning.PreparationPipeline"/> applies. Immutable; serialized as deterministic JSON (<see cref="ToJson"/>,
/// <see cref="FromJson"/>) without reflection, so it works under Native AOT.
/// </summary>
/// <remarks>
/// <see cref="Version"/> is content-addressed: <c>fit-</c> + 16 hex digits of XxHash64 over the canonical JSON of the parameters
/// (format version, dataset, source, columns, crosses). <see cref="FittedAt"/> and <see cref="ProfileReference"/> are metadata and
/// are not hashed, so refitting the same statistics later yields the same version.
/// </remarks>
public sealed class FitState
{
    /// <summary>The JSON format this build writes. Older formats keep loading.</summary>
    public const int CurrentFormatVersion = 1;

    public const string SourceObject = "object";

    public const string SourceDataset = "dataset";

    public FitState(
        string dataset,
        string source,
        IEnumerable<ColumnFit> columns,
        IEnumerable<CrossFit>? crosses = null,
        DateTimeOffset fittedAt = default,
        string? profileReference = null,
        int formatVersion = CurrentFormatVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(columns);
        Dataset = dataset;
        Source = source;
        Columns = [.. columns];
        Crosses = crosses is null ? [] : [.. crosses];
        FittedAt = fittedAt;
        ProfileReference = profileReference;
        FormatVersion = formatVersion;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Columns)
        {
            if (!names.Add(c.Name))
            {
                throw new ArgumentException($"Duplicate column '{c.Name}' in fit.", nameof(columns));
            }
        }

        Version = FitStateJson.ComputeVersion(this);
    }

    public int FormatVersion { get; }

    /// <summary>Content address of the parameters, e.g. <c>fit-3f2a…</c> (16 hex digits).</summary>
    public string Version { get; }

    public string Dataset { get; }

    /// <summary><see cref="SourceObject"/> (fitted from the object's own statistics) or <see cref="SourceDataset"/>.</summary>
    public string Source { get; }

    public DateTimeOffset FittedAt { get; }

    /// <summary>Where the statistics came from (e.g. a profile key), when known.</summary>
    public string? ProfileReference { get; }

    /// <summary>One entry per input column, in the fitted schema's order.</summary>
    public ImmutableArray<ColumnFit> Columns { get; }

    public ImmutableArray<CrossFit> Crosses { get; }

    public ColumnFit? Find(string name)
    {
        foreach (var c in Columns)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Deterministic JSON: same state ⇒ same bytes.</summary>
    public string ToJson() => FitStateJson.Write(this, includeMetadata: true);

    /// <exception cref="FormatException">The JSON is not a fit state, is from a newer format, or its version does not match its content.</exception>
    public static FitState FromJson(string json) => FitStateJson.Read(json);

    public override string ToString() => $"{Version} ({Dataset}, {Source}, {Columns.Length} columns)";
}
