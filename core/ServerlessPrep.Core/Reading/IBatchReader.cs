using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Streams one object as columnar batches. The schema is known before the first batch is read.
/// A batch is only valid until the next one is requested (buffers are reused).
/// Faults in the data surface as <see cref="InvalidDataObjectException"/>.
/// </summary>
public interface IBatchReader : IAsyncDisposable
{
    /// <summary>The format actually read (never <see cref="InputFormat.Auto"/>).</summary>
    InputFormat Format { get; }

    BatchSchema Schema { get; }

    /// <summary>Rows in the object when the format says so up front (Parquet); otherwise <c>null</c>.</summary>
    long? TotalRows { get; }

    /// <summary>Notes and unparsable-value counts gathered so far; complete once the batches are exhausted.</summary>
    ReadDiagnostics Diagnostics { get; }

    /// <summary>Yields the batches in order. Can be enumerated once.</summary>
    IAsyncEnumerable<RowBatch> ReadBatchesAsync(CancellationToken cancellationToken);
}
