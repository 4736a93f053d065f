namespace ServerlessPrep.Core.Processing;

/// <summary>The pointer <c>reference@active</c>: which stored profile drift is judged against, and where it came from.</summary>
public sealed record ReferenceProfileInfo
{
    /// <summary><c>ref-&lt;xxhash64 of the binary profile&gt;</c>.</summary>
    public required string Id { get; init; }

    public required string Dataset { get; init; }

    /// <summary>How it was made, e.g. <c>fit:fit-…</c> or <c>reference --where region=eu</c>.</summary>
    public required string Source { get; init; }

    public int Objects { get; init; }

    public long Rows { get; init; }

    public DateTimeOffset SetAt { get; init; }
}
