namespace ServerlessPrep.Core.Data;

/// <summary>Floating-point values. NaN and infinities are values, not nulls (profiles count them separately).</summary>
public sealed class DoubleColumn(string name, double[] values, bool[]? nulls, int length)
    : PrimitiveColumn<double>(name, DataKind.Double, values, nulls, length);
