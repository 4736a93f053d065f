using System.Collections.Immutable;

using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>What a successful object run produced.</summary>
internal sealed record RunResult
{
    public long RowsIn { get; init; }

    public long RowsOut { get; init; }

    public long RowsQuarantined { get; init; }

    public long BytesIn { get; init; }

    public ImmutableArray<string> Outputs { get; init; } = [];

    public required string FitVersion { get; init; }

    public required string SchemaVersion { get; init; }

    public MonitoringVerdict? Monitoring { get; init; }
}
