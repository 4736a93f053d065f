using System.Diagnostics;
using System.Text.Json;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>The S3 event notifications s3rver emitted (raw JSON, keys encoded as real S3 does), searchable by decoded key.</summary>
public sealed class S3EventFeed
{
    private readonly List<string> _events = [];
    private readonly Lock _gate = new();

    public void Add(string json)
    {
        lock (_gate)
        {
            _events.Add(json);
        }
    }

    /// <summary>How many events s3rver emitted for keys of <paramref name="bucket"/> containing <paramref name="keyContains"/> (writes and deletes).</summary>
    public int Count(string bucket, string keyContains)
    {
        lock (_gate)
        {
            return _events.Count(json =>
            {
                using var document = JsonDocument.Parse(json);
                var s3 = document.RootElement.GetProperty("Records")[0].GetProperty("s3");
                return s3.GetProperty("bucket").GetProperty("name").GetString() == bucket
                    && S3EventNotificationParser.DecodeKey(s3.GetProperty("object").GetProperty("key").GetString()!).Contains(keyContains, StringComparison.Ordinal);
            });
        }
    }

    /// <summary>Waits for the event notification about <paramref name="key"/> (decoded) with the given event name prefix.</summary>
    public async Task<string> WaitForAsync(string key, string eventNamePrefix = "ObjectCreated:", TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            lock (_gate)
            {
                foreach (var json in _events)
                {
                    using var document = JsonDocument.Parse(json);
                    var record = document.RootElement.GetProperty("Records")[0];
                    var encoded = record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString()!;
                    if (S3EventNotificationParser.DecodeKey(encoded) == key
                        && record.GetProperty("eventName").GetString()!.StartsWith(eventNamePrefix, StringComparison.Ordinal))
                    {
                        return json;
                    }
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"s3rver emitted no {eventNamePrefix} event for '{key}'.");
    }
}
