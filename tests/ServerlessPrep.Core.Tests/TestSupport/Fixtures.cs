using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.TestSupport;

/// <summary>Fit-and-create in one call: statistics are computed exactly from the given batch.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset FittedAt = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static FitState Fit(DatasetSpec spec, RowBatch batch) =>
        TransformFitter.Fit(spec, batch.Schema, Batches.Stats(batch), FitState.SourceObject, timeProvider: new FixedTime(FittedAt));

    public static PreparationPipeline Pipeline(DatasetSpec spec, RowBatch batch) =>
        PreparationPipeline.Create(spec, batch.Schema, Fit(spec, batch));

    /// <summary>A spec listing only the given columns (unlisted ones dropped).</summary>
    public static DatasetSpec Spec(params ColumnSpec[] columns) =>
        new() { Name = "test", Columns = [.. columns], InferUnlistedColumns = false };

    public static ColumnSpec Column(string name, TransformKind kind) => new() { Name = name, Transform = new TransformSpec { Kind = kind } };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
