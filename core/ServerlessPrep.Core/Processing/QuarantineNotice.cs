using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Reading;

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

    /// <summary>The notice for <paramref name="created"/> quarantined for <paramref name="reason"/>; column and line come from a data fault.</summary>
    public static QuarantineNotice For(string inputStore, ObjectCreated created, string? dataset, string reason, Exception? error, int attempts, IReadOnlyList<string> history, string runId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(created);
        var invalid = error as InvalidDataObjectException;
        return new QuarantineNotice
        {
            InputStore = inputStore,
            InputKey = created.Key,
            InputVersion = created.VersionToken,
            Dataset = dataset,
            Reason = reason,
            Column = invalid?.Column,
            Line = invalid?.Line,
            Attempts = attempts,
            ErrorHistory = history,
            RunId = runId,
            QuarantinedAt = at,
        };
    }
}
