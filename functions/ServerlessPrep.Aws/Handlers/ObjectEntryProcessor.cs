using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Aws.Handlers;

/// <summary>
/// Runs the core processor over the entries of one event and maps outcomes to results.
/// Objects under the output prefix are ignored (writing outputs must never re-trigger the function), and so are keys the stores refuse.
/// Unexpected exceptions and deadline cancellation become <c>failed</c> (retryable): the event will be redelivered.
/// </summary>
internal sealed class ObjectEntryProcessor
{
    private readonly Func<string, IObjectProcessor> _processorForBucket;
    private readonly string _outputBucket;
    private readonly string _outputPrefix;

    public ObjectEntryProcessor(Func<string, IObjectProcessor> processorForBucket, string outputBucket, string outputPrefix)
    {
        _processorForBucket = processorForBucket;
        _outputBucket = outputBucket;
        _outputPrefix = outputPrefix.Length == 0 ? string.Empty : outputPrefix.TrimEnd('/') + "/";
    }

    public async Task<IReadOnlyList<ObjectResult>> ProcessAsync(IReadOnlyList<S3EventEntry> entries, CancellationToken cancellationToken)
    {
        var results = new List<ObjectResult>(entries.Count);
        foreach (var entry in entries)
        {
            results.Add(await ProcessAsync(entry, cancellationToken));
        }

        return results;
    }

    private async Task<ObjectResult> ProcessAsync(S3EventEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Created is not { } created)
        {
            return Log(new ObjectResult(null, null, ObjectResult.Ignored, entry.IgnoredReason));
        }

        if (created.Store == _outputBucket && created.Key.StartsWith(_outputPrefix, StringComparison.Ordinal))
        {
            return Log(new ObjectResult(created.Store, created.Key, ObjectResult.Ignored, "object is under the output prefix"));
        }

        if (UnsafeKeyReason(created.Key) is { } unsafeKey)
        {
            return Log(new ObjectResult(created.Store, created.Key, ObjectResult.Ignored, unsafeKey));
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await _processorForBucket(created.Store).ProcessAsync(created, cancellationToken);
            return Log(new ObjectResult(created.Store, created.Key, outcome.Status.ToString().ToLowerInvariant(), outcome.Reason, outcome.RowsIn, outcome.RowsOut));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Log(new ObjectResult(created.Store, created.Key, ObjectResult.Failed, "deadline reached before processing finished"));
        }
        catch (Exception ex)
        {
            return Log(new ObjectResult(created.Store, created.Key, ObjectResult.Failed, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>Keys the stores refuse (".." segments, control characters...) can never succeed: not worth a retry.</summary>
    private static string? UnsafeKeyReason(string key)
    {
        try
        {
            ObjectKeyGuard.Validate(key);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"key cannot be addressed safely: {ex.Message}";
        }
    }

    private static ObjectResult Log(ObjectResult result)
    {
        var line = $"s3://{result.Bucket}/{result.Key} {result.Status}: {result.Reason}";
        if (result.Retryable)
        {
            HostLog.Warn(line);
        }
        else
        {
            HostLog.Info(line);
        }

        return result;
    }
}
