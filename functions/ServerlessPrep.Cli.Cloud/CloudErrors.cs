using Amazon.Runtime;
using Azure;
using Azure.Identity;

namespace ServerlessPrep.Cli.Cloud;

/// <summary>Turns the cloud SDKs' errors (refused credentials, missing queue or table, throttling after retries) into one line.</summary>
internal static class CloudErrors
{
    public static string? Describe(Exception exception) => exception switch
    {
        // The Azure SDK reports "retry failed after N tries" with every attempt's error inside.
        AggregateException { InnerExceptions.Count: > 0 } e => Describe(e.InnerExceptions[^1]) is { } last ? $"{last} (after {e.InnerExceptions.Count} attempts)" : null,
        RequestFailedException e => $"Azure Storage answered {e.Status} {e.ErrorCode}: {FirstLine(e.Message)}",
        AuthenticationFailedException e => $"Azure sign-in failed (set AZURE_STORAGE_CONNECTION_STRING, or sign in with `az login`): {FirstLine(e.Message)}",
        AmazonServiceException e => $"AWS answered {(int)e.StatusCode} {e.ErrorCode}: {FirstLine(e.Message)}",
        AmazonClientException e => $"AWS SDK: {FirstLine(e.Message)}",
        _ => null,
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
