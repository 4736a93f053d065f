namespace ServerlessPrep.Cli;

/// <summary>The CLI's exit codes: a contract scripts rely on (see README, "CLI contract").</summary>
internal static class ExitCodes
{
    /// <summary>Every object was processed or skipped.</summary>
    public const int Success = 0;

    /// <summary>Usage, configuration or fatal error (including objects left failed after retries).</summary>
    public const int Error = 1;

    /// <summary>Some objects were quarantined; nothing was lost and the reasons are recorded.</summary>
    public const int SomeQuarantined = 2;
}
