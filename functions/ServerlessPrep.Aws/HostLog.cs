namespace ServerlessPrep.Aws;

/// <summary>Plain line logging to stdout/stderr, which Lambda forwards to CloudWatch Logs.</summary>
internal static class HostLog
{
    public static void Info(string message) => Console.Out.WriteLine($"INFO {message}");

    public static void Warn(string message) => Console.Error.WriteLine($"WARN {message}");

    public static void Error(string message) => Console.Error.WriteLine($"ERROR {message}");
}
