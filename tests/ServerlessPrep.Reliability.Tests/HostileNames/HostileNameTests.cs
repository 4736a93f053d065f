using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.HostileNames;

/// <summary>Keys and dataset names that try to escape the output root: never a crash, never a file outside it.</summary>
public sealed class HostileNameTests : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    public static TheoryData<string> HostileKeys()
    {
        var data = new TheoryData<string>();
        foreach (var key in ServerlessPrep.Testing.HostileKeys.All.Where(k => k.Length > 0))
        {
            data.Add(key);
        }

        data.Add("orders/../../escape.parquet");
        data.Add("orders/../../../tmp/escape.csv");
        data.Add("orders\\..\\..\\escape.csv");
        data.Add("/tmp/orders/escape.csv");
        data.Add("orders/" + new string('x', 300) + ".csv");
        data.Add("orders/" + string.Join('/', Enumerable.Repeat("deep", 300)) + ".csv");
        data.Add("orders/a\u0001b.csv");
        data.Add("orders/%2e%2e/%2e%2e/escape.csv");
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public async Task ProcessAsync_HostileObjectKey_SkippedOrQuarantinedAndNothingWrittenOutside(string key)
    {
        var before = Snapshot();
        var processor = _workspace.CreateWorker(SpecSet.Empty, _workspace.Options(), _time).Processor;

        var outcome = await processor.ProcessAsync(Event(key));

        Assert.True(outcome.Status is ObjectStatus.Skipped or ObjectStatus.Quarantined, $"{outcome.Status}: {outcome.Reason}");
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
        AssertNothingOutsideOutput(before);
    }

    [Theory]
    [InlineData("..", "**")]
    [InlineData("../../escape", "**")]
    [InlineData("/tmp/escape", "**")]
    [InlineData("a\\..\\..\\b", "**")]
    [InlineData("ok", "../**")]
    [InlineData("ok", "/**")]
    [InlineData("..", "../../**")]
    public async Task ProcessAsync_HostileDatasetNameOrGlob_SkippedOrQuarantinedAndNothingWrittenOutside(string name, string glob)
    {
        var yaml = $"name: \"{name.Replace("\\", "\\\\", StringComparison.Ordinal)}\"\nmatch: [\"{glob}\"]\n";
        var specs = SpecParser.Parse(yaml, "hostile.yaml");
        var key = LakeData.Key(3, "clicks");
        var created = await _workspace.PutAsync(key, await LakeData.ContentAsync(key, 3));
        var before = Snapshot();
        var processor = _workspace.CreateWorker(specs, _workspace.Options(), _time).Processor;

        var outcome = await processor.ProcessAsync(created);

        Assert.True(outcome.Status is ObjectStatus.Skipped or ObjectStatus.Quarantined or ObjectStatus.Processed, $"{outcome.Status}: {outcome.Reason}");
        if (outcome.Status != ObjectStatus.Processed)
        {
            Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
        }

        AssertNothingOutsideOutput(before);
    }

    private static ObjectCreated Event(string key) => new("lake", key, 10, "etag", "v1", "01", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), "test");

    private HashSet<string> Snapshot()
    {
        return Directory.EnumerateFileSystemEntries(_workspace.Container, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFileSystemEntries(Path.GetTempPath(), "*escape*"))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Lists the workspace's private parent folder (and escape-named entries of the temp folder); new entries must be under out/, tmp/ or the KV file.</summary>
    private void AssertNothingOutsideOutput(HashSet<string> before)
    {
        var allowed = new[] { _workspace.OutputDirectory + Path.DirectorySeparatorChar, _workspace.TempDirectory + Path.DirectorySeparatorChar, _workspace.KvPath };
        var created = Snapshot().Where(p => !before.Contains(p)).ToList();
        var outside = created.Where(p => p != _workspace.OutputDirectory && p != _workspace.TempDirectory && p != _workspace.LakeDirectory && !allowed.Any(a => p.StartsWith(a, StringComparison.Ordinal))).ToList();
        Assert.True(outside.Count == 0, "written outside the output root: " + string.Join(", ", outside));
    }
}
