namespace ServerlessPrep.Core.Processing;

/// <summary>The <c>.error.json</c> written for a quarantined object: why, and where the untouched input is.</summary>
public sealed record QuarantineNotice
{
    public required string InputStore { get; init; }

    public required string InputKey { get; init; }

    public required string InputVersion { get; init; }

    public string? Dataset { get; init; }

    public required string Reason { get; init; }

    public string? Column { get; init; }

    public long? Line { get; init; }

    public int Attempts { get; init; }

    public IReadOnlyList<string> ErrorHistory { get; init; } = [];

    public required string RunId { get; init; }

    public DateTimeOffset QuarantinedAt { get; init; }
}
