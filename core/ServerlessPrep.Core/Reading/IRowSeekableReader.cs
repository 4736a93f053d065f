namespace ServerlessPrep.Core.Reading;

/// <summary>A reader that can start at a row without decoding what comes before it (Parquet: whole row groups are skipped).</summary>
internal interface IRowSeekableReader
{
    /// <summary>
    /// Before enumerating: start with the unit (row group) holding <paramref name="row"/>; batches keep their row numbers in the
    /// whole object. Returns the first row that will be read (≤ <paramref name="row"/>).
    /// </summary>
    long SkipTo(long row);
}
