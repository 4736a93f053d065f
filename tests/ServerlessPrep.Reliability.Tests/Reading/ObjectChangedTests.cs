using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.Reading;

/// <summary>
/// A newer version lands after the run looked the object up and opened it for its first pass: every pass must read one version,
/// so the run fails with "changed while being read" and a retry reads the newer version throughout.
/// </summary>
public sealed class ObjectChangedTests : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ProcessAsync_NewerVersionLandsAfterTheFirstPassOpened_RetriesAndReadsOnlyTheNewerVersion()
    {
        var (created, newer, newerRows) = await PutAsync();
        var worker = CreateWorker(newer, transientRetries: 1);

        var outcome = await worker.Processor.ProcessAsync(created);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Equal(newerRows, outcome.RowsIn); // profile pass and prepare pass read the same (newer) version
        Assert.Equal(newerRows, outcome.RowsOut);
    }

    [Fact]
    public async Task ProcessAsync_NewerVersionLandsAndNoRetryLeft_FailsRetryablyWithAClearReason()
    {
        var (created, newer, _) = await PutAsync();
        var worker = CreateWorker(newer, transientRetries: 0);

        var outcome = await worker.Processor.ProcessAsync(created);

        Assert.Equal(ObjectStatus.Failed, outcome.Status);
        Assert.True(outcome.Retryable);
        Assert.Contains($"Object \"{created.Key}\" changed while being read", outcome.Reason, StringComparison.Ordinal);
    }

    private Worker CreateWorker(byte[] newer, int transientRetries)
    {
        var lake = _workspace.Lake.Uri;
        var options = _workspace.Options() with { TransientRetries = transientRetries, TransientRetryDelay = TimeSpan.Zero };
        return _workspace.CreateWorker(LakeData.Specs, options, _time, wrapStore: s => s.Uri == lake ? new ReplacingStore(s, newer) : s);
    }

    /// <summary>A CSV object whose second version has a different number of rows (rows = lines − header).</summary>
    private async Task<(Core.Events.ObjectCreated Created, byte[] Newer, long NewerRows)> PutAsync()
    {
        for (var i = 1; ; i += 3)
        {
            var key = LakeData.Key(i, "clicks");
            var first = await LakeData.ContentAsync(key, i, 1);
            var second = await LakeData.ContentAsync(key, i, 2);
            var rows = Rows(second);
            if (Rows(first) != rows)
            {
                return (await _workspace.PutAsync(key, first, version: "v1", sequencer: "01"), second, rows);
            }
        }
    }

    private static long Rows(byte[] csv) => csv.Count(b => b == (byte)'\n') - 1;
}
