using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// Decides, before the ordinary object path, whether an event belongs to a lakehouse table. Delta: a commit is applied by
/// <see cref="DeltaCommitHandler"/>; other log files are skipped; a data file under a table root (a folder with <c>_delta_log/</c>)
/// is skipped until its commit is applied — and never processed if the commit never comes — except when the log already made it
/// a live file of the table (a late or re-driven event), which goes through the object path with the log's partition values.
/// Iceberg: its metadata and data files are skipped with an explanation. Anything else returns null (not a table file).
/// </summary>
internal sealed partial class LakehouseRouter
{
    public const string DeltaDataFileReason = "Delta table data file; processed when committed in _delta_log";

    public const string DeltaLogFileReason = "Delta transaction log file (checkpoint, _last_checkpoint, checksum or other log entry); read when a commit is applied, not processed as data";

    private readonly ProcessorContext _context;
    private readonly DatasetResolver _resolver;
    private readonly DeltaCommitHandler _commits;
    private readonly DeltaTableStore _tables;

    // Folders known to be Delta table roots. Only positives are cached: a folder becomes a table when its first commit lands.
    private readonly ConcurrentDictionary<string, byte> _deltaRoots = new(StringComparer.Ordinal);

    public LakehouseRouter(ProcessorContext context, DatasetResolver resolver, Func<ObjectCreated, CancellationToken, Task<ProcessingOutcome>> processData)
    {
        _context = context;
        _resolver = resolver;
        _commits = new DeltaCommitHandler(context, processData);
        _tables = new DeltaTableStore(context.Kv, context.Time);
    }

    /// <summary>The outcome when the key belongs to a lakehouse table, or null for an ordinary object. Transient store faults → retryable.</summary>
    public async Task<ProcessingOutcome?> TryRouteAsync(ObjectCreated created, CancellationToken cancellationToken)
    {
        if (created.Source == DeltaCommitHandler.Source)
        {
            return null;
        }

        try
        {
            return await RouteAsync(created, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (TransientFaults.IsTransient(e))
        {
            return new ProcessingOutcome
            {
                Key = created.Key,
                Status = ObjectStatus.Failed,
                Reason = $"transient failure while looking for a lakehouse table around this key: {e.Message}",
                Outputs = ImmutableArray<string>.Empty,
            };
        }
    }

    private async Task<ProcessingOutcome?> RouteAsync(ObjectCreated created, CancellationToken cancellationToken)
    {

        var key = created.Key;
        if (DeltaLogKey.Parse(key) is { } logKey)
        {
            return logKey.CommitVersion is null
                ? Skipped(created, DeltaLogFileReason)
                : await _commits.HandleCommitAsync(created, logKey, cancellationToken).ConfigureAwait(false);
        }

        if (IcebergKeys.IsMetadata(key))
        {
            return Skipped(created, IcebergKeys.MetadataReason);
        }

        if (_resolver.Resolve(key, out _) is not { } match)
        {
            return null;
        }

        var layout = match.Spec?.Table ?? TableLayout.Auto;
        if (layout == TableLayout.Files)
        {
            return null;
        }

        if (await FindDeltaRootAsync(key, cancellationToken).ConfigureAwait(false) is { } root)
        {
            return await CommittedFileAsync(root, created, cancellationToken).ConfigureAwait(false) ?? Skipped(created, DeltaDataFileReason);
        }

        if (layout == TableLayout.Delta)
        {
            return Skipped(created, DeltaDataFileReason + $" (dataset '{match.Dataset}' is declared 'table: delta'; its log has no commit yet)");
        }

        return await IsIcebergDataAsync(key, cancellationToken).ConfigureAwait(false) ? Skipped(created, IcebergKeys.DataReason) : null;
    }

    /// <summary>The nearest enclosing folder (or the store root) that holds a <c>_delta_log/</c>, or null.</summary>
    public async Task<string?> FindDeltaRootAsync(string key, CancellationToken cancellationToken)
    {
        var segments = key.Split('/');
        for (var depth = segments.Length - 1; depth >= 0; depth--)
        {
            var root = string.Join('/', segments[..depth]);
            if (_deltaRoots.ContainsKey(root))
            {
                return root;
            }
        }

        for (var depth = segments.Length - 1; depth >= 0; depth--)
        {
            var root = string.Join('/', segments[..depth]);
            await foreach (var _ in _context.Lake.ListAsync(DeltaLogKey.LogPrefix(root), cancellationToken).ConfigureAwait(false))
            {
                _deltaRoots.TryAdd(root, 0);
                return root;
            }
        }

        return null;
    }

    /// <summary>A data file event for a file the log already made live: processed (claims make a duplicate a no-op); else null.</summary>
    private async Task<ProcessingOutcome?> CommittedFileAsync(string root, ObjectCreated created, CancellationToken cancellationToken)
    {
        var file = await _tables.GetFileAsync(root, created.Key, cancellationToken).ConfigureAwait(false);
        if (file is null || file.RemovedInVersion is not null || file.Status is not (DeltaFileStatus.Processed or DeltaFileStatus.Quarantined))
        {
            return null;
        }

        LogCommittedFile(_context.Logger, created.Key, root);
        try
        {
            var outcome = await _commits.ProcessFileAsync(file, cancellationToken).ConfigureAwait(false);
            await _tables.PutFileAsync(root, await _commits.WithOutcomeAsync(file, outcome, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return outcome with { Key = created.Key };
        }
        catch (DeltaApplyInterruptedException e)
        {
            return new ProcessingOutcome { Key = created.Key, Status = ObjectStatus.Failed, Reason = e.Message, Outputs = ImmutableArray<string>.Empty };
        }
    }

    /// <summary>A key with a <c>data</c> folder whose sibling <c>metadata</c> folder holds Iceberg table metadata.</summary>
    private async Task<bool> IsIcebergDataAsync(string key, CancellationToken cancellationToken)
    {
        var segments = key.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i] != "data")
            {
                continue;
            }

            var metadata = (i == 0 ? string.Empty : string.Join('/', segments[..i]) + "/") + "metadata/";
            await foreach (var info in _context.Lake.ListAsync(metadata, cancellationToken).ConfigureAwait(false))
            {
                if (IcebergKeys.IsTableMetadataFile(info.Key))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ProcessingOutcome Skipped(ObjectCreated created, string reason)
        => new() { Key = created.Key, Status = ObjectStatus.Skipped, Reason = reason, BytesIn = created.Size, Outputs = ImmutableArray<string>.Empty };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Key} is a live file of Delta table {Table} already applied; processing it from its log record")]
    private static partial void LogCommittedFile(ILogger logger, string key, string table);
}
