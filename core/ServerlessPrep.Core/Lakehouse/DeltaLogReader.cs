using System.Text.Json;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// Reads a table's transaction log through the object store: one commit, or the current snapshot from the newest complete
/// checkpoint (found through <c>_last_checkpoint</c>, else the listing) plus the commits after it, so a long log is not replayed.
/// </summary>
internal sealed class DeltaLogReader(IObjectStore lake)
{
    /// <summary>The actions of commit <paramref name="version"/>, or null when the commit file does not exist (yet, or any more).</summary>
    public async Task<DeltaActions?> ReadCommitAsync(string tableRoot, long version, CancellationToken cancellationToken)
    {
        var key = DeltaLogKey.CommitKey(tableRoot, version);
        try
        {
            await using var stream = await lake.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return DeltaActionParser.ParseCommit(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), key);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The newest state the log shows. Throws when the log is incomplete (a gap, or old commits cleaned up without a checkpoint).</summary>
    public async Task<DeltaSnapshot> ReadLatestSnapshotAsync(string tableRoot, CancellationToken cancellationToken)
    {
        var prefix = DeltaLogKey.LogPrefix(tableRoot);
        var commits = new SortedSet<long>();
        var checkpointFiles = new Dictionary<(long Version, int Parts), List<string>>();
        await foreach (var info in lake.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var name = info.Key[prefix.Length..];
            if (DeltaLogKey.TryParseCommit(name, out var version))
            {
                commits.Add(version);
            }
            else if (DeltaLogKey.TryParseCheckpoint(name, out var checkpoint, out _, out var parts))
            {
                if (!checkpointFiles.TryGetValue((checkpoint, parts), out var keys))
                {
                    checkpointFiles[(checkpoint, parts)] = keys = [];
                }

                keys.Add(info.Key);
            }
        }

        // Readers must ignore a multi-part checkpoint with missing parts (PROTOCOL.md); a classic one is complete on its own.
        var complete = checkpointFiles.Where(c => c.Value.Count == c.Key.Parts)
            .GroupBy(c => c.Key.Version)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Key.Parts).First().Value);
        var hinted = await ReadLastCheckpointAsync(prefix, cancellationToken).ConfigureAwait(false);
        long? checkpointVersion = hinted is { } h && complete.ContainsKey(h) ? h : complete.Count > 0 ? complete.Keys.Max() : null;
        var latest = Math.Max(commits.Count > 0 ? commits.Max : -1, checkpointVersion ?? -1);
        if (latest < 0)
        {
            throw new InvalidDataObjectException(prefix, "Delta log has no commit (NNNNNNNNNNNNNNNNNNNN.json) and no checkpoint");
        }

        var state = new DeltaActions();
        if (checkpointVersion is { } cp)
        {
            foreach (var key in complete[cp].Order(StringComparer.Ordinal))
            {
                await DeltaCheckpointReader.ReadIntoAsync(lake, key, state, cancellationToken).ConfigureAwait(false);
            }
        }

        var live = new Dictionary<string, DeltaAddFile>(StringComparer.Ordinal);
        foreach (var add in state.Adds)
        {
            live[Uri.UnescapeDataString(add.Path)] = add;
        }

        var protocol = state.Protocol;
        var metadata = state.Metadata;
        for (var version = (checkpointVersion ?? -1) + 1; version <= latest; version++)
        {
            var actions = commits.Contains(version) ? await ReadCommitAsync(tableRoot, version, cancellationToken).ConfigureAwait(false) : null;
            if (actions is null)
            {
                throw new InvalidDataObjectException(
                    DeltaLogKey.CommitKey(tableRoot, version),
                    checkpointVersion is null
                        ? $"Delta log is incomplete: commit {version} is missing and there is no checkpoint before version {latest}"
                        : $"Delta log is incomplete: commit {version} (after checkpoint {checkpointVersion}) is missing");
            }

            ApplyInOrder(live, actions);
            protocol = actions.Protocol ?? protocol;
            metadata = actions.Metadata ?? metadata;
        }

        return new DeltaSnapshot(latest, protocol, metadata, live.Values.OrderBy(a => a.Path, StringComparer.Ordinal).ToArray(), checkpointVersion);
    }

    /// <summary>Within one commit a path is not both added and removed (protocol), so removes then adds is the reconciled result.</summary>
    private static void ApplyInOrder(Dictionary<string, DeltaAddFile> live, DeltaActions actions)
    {
        foreach (var remove in actions.Removes)
        {
            live.Remove(Uri.UnescapeDataString(remove.Path));
        }

        foreach (var add in actions.Adds)
        {
            live[Uri.UnescapeDataString(add.Path)] = add;
        }
    }

    private async Task<long?> ReadLastCheckpointAsync(string logPrefix, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await lake.OpenReadAsync(logPrefix + "_last_checkpoint", cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out var version) && version.TryGetInt64(out var v) ? v : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            // A torn or foreign _last_checkpoint is only a hint (PROTOCOL.md): fall back to the listing.
            return null;
        }
    }
}
