namespace ServerlessPrep.Core.Lakehouse;

/// <summary>A <c>remove</c> action: a data file that is no longer part of the table (a tombstone).</summary>
internal sealed record DeltaRemoveFile(string Path, bool DataChange, long? DeletionTimestamp);
