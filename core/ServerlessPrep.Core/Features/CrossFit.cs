using System.Collections.Immutable;

namespace ServerlessPrep.Core.Features;

/// <summary>A hashed cross of two or more columns into <see cref="Buckets"/> output columns.</summary>
public sealed record CrossFit(ImmutableArray<string> Columns, int Buckets)
{
    /// <summary>Output column prefix: the column names joined by <c>_x_</c>.</summary>
    public string Name => string.Join("_x_", Columns);
}
