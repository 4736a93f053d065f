namespace ServerlessPrep.Core.Lakehouse;

/// <summary>Applying a table's commits stopped part-way for a reason that a later redelivery can get past (a transient fault, a lost lease).</summary>
internal sealed class DeltaApplyInterruptedException(string message) : Exception(message);
