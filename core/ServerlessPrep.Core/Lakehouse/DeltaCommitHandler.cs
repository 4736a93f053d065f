using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// Applies a Delta table's commits in version order when a commit file's event arrives: each <c>add</c> with <c>dataChange=true</c>
/// is processed as an object (with its <c>partitionValues</c>), each <c>remove</c> is recorded. A commit whose predecessors were not
/// applied yet applies them first (read from the log); a commit already applied is skipped; one worker applies a table at a time
/// (a lease in the key-value store). The first commit seen of a table builds the table's current file set from its newest checkpoint
/// and the commits after it, instead of replaying the whole log. A file's own processing is idempotent through the object claims,
/// so a crash part-way only means the rest of the commit is applied by the redelivered event.
/// </summary>
internal sealed partial class DeltaCommitHandler(ProcessorContext context, Func<ObjectCreated, CancellationToken, Task<ProcessingOutcome>> processData)
{
    /// <summary>The <see cref="ObjectCreated.Source"/> of a data file handed over by its commit.</summary>
    public const string Source = "delta-log";

    private readonly DeltaTableStore _tables = new(context.Kv, context.Time);
    private readonly DeltaLogReader _log = new(context.Lake);

    public async Task<ProcessingOutcome> HandleCommitAsync(ObjectCreated created, DeltaLogKey logKey, CancellationToken cancellationToken)
    {
        var version = logKey.CommitVersion ?? throw new ArgumentException("Not a commit key.", nameof(logKey));
        var root = logKey.TableRoot;
        var runId = Guid.CreateVersion7(context.Time.GetUtcNow()).ToString();
        var (state, token) = await _tables.TryLeaseAsync(root, runId, context.Options.ClaimLease, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return Outcome(created, ObjectStatus.Failed, $"another worker (run {state.LeaseRunId}) is applying the commits of Delta table '{DeltaApplySummary.Display(root)}'; retry later");
        }

        var lease = new Lease(state, token);
        var summary = new DeltaApplySummary();
        try
        {
            if (state.AppliedVersion >= version)
            {
                return Outcome(created, ObjectStatus.Skipped, $"Delta commit {version} of table '{DeltaApplySummary.Display(root)}' already applied (table applied up to version {state.AppliedVersion})");
            }

            if (state.AppliedVersion < 0)
            {
                await ApplySnapshotAsync(lease, version, runId, summary, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                for (var next = state.AppliedVersion + 1; next <= version; next++)
                {
                    var actions = await _log.ReadCommitAsync(root, next, cancellationToken).ConfigureAwait(false);
                    if (actions is null && next == version)
                    {
                        return Outcome(created, ObjectStatus.Skipped, $"Delta commit {version} of table '{DeltaApplySummary.Display(root)}' no longer exists in the log");
                    }

                    if (actions is null)
                    {
                        // Predecessors cleaned up from the log (metadata cleanup after a checkpoint): rebuild from the checkpoint.
                        LogResync(context.Logger, root, next);
                        await ApplySnapshotAsync(lease, version, runId, summary, cancellationToken).ConfigureAwait(false);
                        break;
                    }

                    await ApplyAsync(lease, next, actions, snapshot: false, runId, summary, cancellationToken).ConfigureAwait(false);
                }
            }

            return Outcome(created, summary.Status, summary.Describe(root)) with
            {
                Dataset = summary.Dataset ?? created.Key.Split('/')[0],
                RowsIn = summary.RowsIn,
                RowsOut = summary.RowsOut,
                RowsQuarantined = summary.RowsQuarantined,
                BytesIn = summary.BytesIn,
                Outputs = summary.Outputs,
            };
        }
        catch (DeltaApplyInterruptedException e)
        {
            return Outcome(created, ObjectStatus.Failed, Interrupted(root, summary, e.Message));
        }
        catch (Exception e) when (TransientFaults.IsTransient(e))
        {
            return Outcome(created, ObjectStatus.Failed, Interrupted(root, summary, e.Message));
        }
        catch (InvalidDataObjectException e)
        {
            // A log we cannot read stops the table here (later commits wait behind it) until the log is fixed and the commit re-driven.
            var reason = $"Delta table '{DeltaApplySummary.Display(root)}' cannot be applied past version {lease.State.AppliedVersion}: {e.Message}";
            var notice = await WriteQuarantineNoticeAsync(created, root, version, runId, reason, e).ConfigureAwait(false);
            return Outcome(created, ObjectStatus.Quarantined, reason) with { Outputs = [notice] };
        }
        finally
        {
            // Releasing must not be cancelled half-way; a lease left behind only delays the next commit until it expires.
            await _tables.UpdateAsync(lease.State with { LeaseRunId = null, LeaseUntil = null }, lease.Token, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<string> WriteQuarantineNoticeAsync(ObjectCreated created, string root, long version, string runId, string reason, InvalidDataObjectException e)
    {
        var notice = QuarantineNotice.For(context.Lake.Uri, created, null, reason, e, 1, [reason], runId, context.Time.GetUtcNow());
        var key = LakehouseLayout.CommitQuarantine(root, version);
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(notice, CoreJsonContext.Readable.QuarantineNotice));
        await context.Output.PutAsync(key, content, CancellationToken.None).ConfigureAwait(false);
        return key;
    }

    private static string Interrupted(string root, DeltaApplySummary summary, string why)
        => $"Delta table '{DeltaApplySummary.Display(root)}' stopped before applying every commit (applied so far: {summary.Processed} file(s) processed); the event will be redelivered: {why}";

    private async Task ApplySnapshotAsync(Lease lease, long eventVersion, string runId, DeltaApplySummary summary, CancellationToken cancellationToken)
    {
        var root = lease.State.TableRoot;
        var snapshot = await _log.ReadLatestSnapshotAsync(root, cancellationToken).ConfigureAwait(false);
        if (snapshot.Version < eventVersion)
        {
            throw new DeltaApplyInterruptedException($"the log listing does not show commit {eventVersion} yet (latest listed: {snapshot.Version})");
        }

        var actions = new DeltaActions { Protocol = snapshot.Protocol, Metadata = snapshot.Metadata };
        actions.Adds.AddRange(snapshot.LiveFiles);
        lease.State = lease.State with { BootstrapCheckpoint = snapshot.CheckpointVersion };
        await ApplyAsync(lease, snapshot.Version, actions, snapshot: true, runId, summary, cancellationToken, snapshot.CheckpointVersion).ConfigureAwait(false);
    }

    private async Task ApplyAsync(Lease lease, long version, DeltaActions actions, bool snapshot, string runId, DeltaApplySummary summary, CancellationToken cancellationToken, long? checkpoint = null)
    {
        var root = lease.State.TableRoot;
        lease.State = lease.State with { Protocol = actions.Protocol ?? lease.State.Protocol, Metadata = actions.Metadata ?? lease.State.Metadata };
        var tableProblem = DeltaReaderSupport.TableProblem(lease.State.Protocol, lease.State.Metadata);
        var files = new List<DeltaFileRecord>(actions.Adds.Count);
        foreach (var add in actions.Adds)
        {
            var file = await AddAsync(root, version, add, snapshot, tableProblem, summary, cancellationToken).ConfigureAwait(false);
            await _tables.PutFileAsync(root, file, cancellationToken).ConfigureAwait(false);
            files.Add(file);
        }

        var removed = new List<DeltaFileRecord>(actions.Removes.Count);
        foreach (var remove in actions.Removes)
        {
            var key = DeltaLogKey.DataKey(root, remove.Path, out _) ?? remove.Path;
            var known = await _tables.GetFileAsync(root, key, cancellationToken).ConfigureAwait(false)
                ?? new DeltaFileRecord { Key = key, Path = remove.Path, Status = DeltaFileStatus.Unknown, Reason = "added before the table was first seen (never processed by us)" };
            var file = known with { RemovedInVersion = version, RemovedWithDataChange = remove.DataChange };
            await _tables.PutFileAsync(root, file, cancellationToken).ConfigureAwait(false);
            removed.Add(file);
            summary.Remove();
        }

        var record = new DeltaCommitRecord
        {
            Table = root,
            Version = version,
            Snapshot = snapshot,
            FromCheckpoint = checkpoint,
            RunId = runId,
            AppliedAt = context.Time.GetUtcNow(),
            Files = files,
            Removed = removed,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(record, LakehouseJsonContext.Readable.DeltaCommitRecord);
        await _tables.PutCommitAsync(record, json, cancellationToken).ConfigureAwait(false);
        var recordKey = LakehouseLayout.CommitRecord(root, version);
        using (var content = new MemoryStream(json))
        {
            await context.Output.PutAsync(recordKey, content, cancellationToken).ConfigureAwait(false);
        }

        summary.Commit(version, snapshot, checkpoint, recordKey);
        lease.State = lease.State with { AppliedVersion = version, LeaseUntil = context.Time.GetUtcNow() + context.Options.ClaimLease };
        lease.Token = await _tables.UpdateAsync(lease.State, lease.Token, cancellationToken).ConfigureAwait(false)
            ?? throw new DeltaApplyInterruptedException($"the lease on the table was taken over while applying commit {version}");
    }

    private async Task<DeltaFileRecord> AddAsync(string root, long version, DeltaAddFile add, bool snapshot, string? tableProblem, DeltaApplySummary summary, CancellationToken cancellationToken)
    {
        var key = DeltaLogKey.DataKey(root, add.Path, out var pathProblem);
        var file = new DeltaFileRecord
        {
            Key = key ?? add.Path,
            Path = add.Path,
            Size = add.Size,
            ModificationTime = add.ModificationTime,
            PartitionValues = add.PartitionValues,
            AddedInVersion = version,
            Status = DeltaFileStatus.Skipped,
        };
        var skip = pathProblem
            ?? (!snapshot && !add.DataChange ? "dataChange=false: the commit rewrote rows already in the table (OPTIMIZE, compaction); they were processed from the files they came from" : null)
            ?? tableProblem
            ?? (add.HasDeletionVector ? DeltaReaderSupport.DeletionVectorReason : null);
        if (skip is not null)
        {
            file = file with { Reason = skip };
            summary.File(file, null);
            return file;
        }

        var outcome = await ProcessFileAsync(file, cancellationToken).ConfigureAwait(false);
        file = await WithOutcomeAsync(file, outcome, cancellationToken).ConfigureAwait(false);
        summary.File(file, outcome);
        return file;
    }

    /// <summary>Processes one committed data file through the ordinary object path (claims, outputs, quarantine).</summary>
    public async Task<ProcessingOutcome> ProcessFileAsync(DeltaFileRecord file, CancellationToken cancellationToken)
    {
        // Data files are immutable in Delta, so size + modification time from the log identify this version deterministically.
        var created = new ObjectCreated(context.Lake.Uri, file.Key, file.Size, null, null, null, DateTimeOffset.FromUnixTimeMilliseconds(file.ModificationTime), Source)
        {
            PartitionValues = file.PartitionValues,
        };
        var outcome = await processData(created, cancellationToken).ConfigureAwait(false);
        return outcome.Status == ObjectStatus.Failed
            ? throw new DeltaApplyInterruptedException($"{file.Key}: {outcome.Reason}")
            : outcome;
    }

    /// <summary>The file record after its processing; a file already processed by an earlier attempt counts as processed.</summary>
    public async Task<DeltaFileRecord> WithOutcomeAsync(DeltaFileRecord file, ProcessingOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Status == ObjectStatus.Skipped && outcome.Dataset is { } dataset
            && await context.Claims.GetAsync(dataset, file.Key, cancellationToken).ConfigureAwait(false) is { Status: RecordStatus.Completed } done)
        {
            return file with { Status = DeltaFileStatus.Processed, Reason = outcome.Reason, Outputs = done.Outputs };
        }

        return file with
        {
            Status = outcome.Status switch
            {
                ObjectStatus.Processed => DeltaFileStatus.Processed,
                ObjectStatus.Quarantined => DeltaFileStatus.Quarantined,
                _ => DeltaFileStatus.Skipped,
            },
            Reason = outcome.Reason,
            Outputs = outcome.Outputs,
        };
    }

    private static ProcessingOutcome Outcome(ObjectCreated created, ObjectStatus status, string reason)
        => new() { Key = created.Key, Status = status, Reason = reason, BytesIn = created.Size, Outputs = ImmutableArray<string>.Empty };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delta table {Table}: commit {Version} is gone from the log; rebuilding the table's files from its checkpoint")]
    private static partial void LogResync(ILogger logger, string table, long version);

    /// <summary>The table state we hold the lease on, and the token of its last write.</summary>
    private sealed class Lease(DeltaTableState state, string token)
    {
        public DeltaTableState State { get; set; } = state;

        public string Token { get; set; } = token;
    }
}
