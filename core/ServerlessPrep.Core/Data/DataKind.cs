namespace ServerlessPrep.Core.Data;

/// <summary>The logical kinds every reader maps its physical types onto.</summary>
public enum DataKind
{
    Boolean,

    /// <summary>Any integer width, stored as <see cref="long"/>.</summary>
    Int64,

    /// <summary>float, double and decimal, stored as <see cref="double"/> (decimals lose precision beyond ~15 digits; the source type is kept in <see cref="ColumnSchema.SourceType"/>).</summary>
    Double,

    String,

    /// <summary>Instant in UTC, stored as microseconds since the Unix epoch in an <see cref="Int64Column"/>.</summary>
    Timestamp,

    /// <summary>Calendar date, stored as microseconds since the Unix epoch (midnight UTC) in an <see cref="Int64Column"/>.</summary>
    Date,

    /// <summary>Struct, list or map: profiled for counts and nulls, values carried as JSON text in a <see cref="StringColumn"/>.</summary>
    Nested,
}
