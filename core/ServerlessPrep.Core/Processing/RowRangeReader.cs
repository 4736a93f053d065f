using System.Runtime.CompilerServices;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Yields only the batches (or the parts of batches) inside a row range, keeping their row numbers in the whole object, so a
/// part's rejected rows, dedup order and lineage name the same rows as a whole run would. Stops reading after the range.
/// A Parquet reader starts at the row group holding the range's first row (<see cref="IRowSeekableReader"/>): row groups
/// before the range are not decoded.
/// </summary>
internal sealed class RowRangeReader(IBatchReader inner, RowRange range) : IBatchReader
{
    public InputFormat Format => inner.Format;

    public BatchSchema Schema => inner.Schema;

    public long? TotalRows => range.RowCount;

    public ReadDiagnostics Diagnostics => inner.Diagnostics;

    public async IAsyncEnumerable<RowBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (inner is IRowSeekableReader seekable)
        {
            seekable.SkipTo(range.FirstRow);
        }

        await foreach (var batch in inner.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            var first = batch.FirstRowIndex;
            var end = first + batch.RowCount;
            if (end <= range.FirstRow)
            {
                continue;
            }

            if (first >= range.EndRow)
            {
                yield break;
            }

            if (first >= range.FirstRow && end <= range.EndRow)
            {
                yield return batch;
            }
            else
            {
                var start = (int)Math.Max(0, range.FirstRow - first);
                var stop = (int)(Math.Min(end, range.EndRow) - first);
                yield return RowBatchSlicer.Slice(batch, start, stop - start);
            }
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
