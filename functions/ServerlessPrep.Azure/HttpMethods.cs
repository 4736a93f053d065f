namespace ServerlessPrep.Azure;

internal static class HttpMethods
{
    public static bool IsOptions(string? method) => string.Equals(method, "OPTIONS", StringComparison.OrdinalIgnoreCase);
}
