namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;

/// <summary>The output of <see cref="PreparationPipeline.Apply"/> for one input batch.</summary>
/// <param name="Features">Rows kept, in input order, with <see cref="PreparationPipeline.OutputSchema"/> (last column <c>split</c>).</param>
/// <param name="Rejected">Rows that failed a Reject rule, in row order, for quarantine.</param>
/// <param name="DuplicatesDropped">Rows of this batch dropped as duplicates.</param>
/// <param name="OutliersDropped">Rows of this batch dropped by an outlier fence.</param>
public sealed record PreparedBatch(RowBatch Features, IReadOnlyList<RejectedRow> Rejected, int DuplicatesDropped, int OutliersDropped);
