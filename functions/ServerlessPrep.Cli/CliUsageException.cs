namespace ServerlessPrep.Cli;

/// <summary>The command line cannot be acted on (missing path, bad option value); exit code 1 with the message.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
