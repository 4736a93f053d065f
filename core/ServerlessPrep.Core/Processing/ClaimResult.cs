namespace ServerlessPrep.Core.Processing;

/// <summary>Outcome of trying to claim an object for processing.</summary>
public sealed record ClaimResult
{
    private ClaimResult()
    {
    }

    /// <summary>We hold the claim; <see cref="Token"/> is the record's version for the completing conditional write.</summary>
    public bool Claimed { get; private init; }

    /// <summary>Someone else is working on it (lease not expired): the event should be retried later.</summary>
    public bool Busy { get; private init; }

    public string? Reason { get; private init; }

    public string? Token { get; private init; }

    public ProcessingRecord? Record { get; private init; }

    public static ClaimResult Won(ProcessingRecord record, string token) => new() { Claimed = true, Record = record, Token = token };

    public static ClaimResult Skip(string reason, ProcessingRecord? existing) => new() { Reason = reason, Record = existing };

    public static ClaimResult InProgressElsewhere(string reason) => new() { Busy = true, Reason = reason };
}
