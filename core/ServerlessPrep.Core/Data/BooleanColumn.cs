namespace ServerlessPrep.Core.Data;

public sealed class BooleanColumn(string name, bool[] values, bool[]? nulls, int length)
    : PrimitiveColumn<bool>(name, DataKind.Boolean, values, nulls, length);
