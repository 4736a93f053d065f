namespace ServerlessPrep.Cli.Cloud;

/// <summary>The cloud backfill's URIs or environment cannot be used; the message says what was expected.</summary>
internal sealed class CloudBackfillException(string message) : Exception(message);
