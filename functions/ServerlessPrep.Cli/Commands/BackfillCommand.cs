using System.CommandLine;
using ServerlessPrep.Cli.Cloud;
using ServerlessPrep.Cli.Running;

namespace ServerlessPrep.Cli.Commands;

/// <summary>
/// <c>backfill PATH|URI</c>: a local lake is processed in-process (as <c>process</c>); a cloud lake (<c>az://</c>, <c>s3://</c>) is
/// enqueued on the deployment's queue, one message per object, and followed in its key-value store.
/// </summary>
internal static class BackfillCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "A local file or folder, or a cloud lake URI: az://account/container[/prefix], s3://bucket[/prefix]" };
        var output = CommonOptions.Out();
        var spec = CommonOptions.Spec();
        var state = CommonOptions.State();
        var json = CommonOptions.Json();
        var concurrency = CommonOptions.Concurrency();
        var root = new Option<string?>("--root")
        {
            Description = "Local: the lake root folder (default: guessed from PATH). az:// and gs://: the lake's prefix inside the container or bucket (the deployment's SERVERLESSPREP_LAKE prefix)",
        };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only objects modified at or after this instant (ISO 8601)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be processed (or enqueued) or skipped, change nothing" };
        var largeObjectBytes = CommonOptions.LargeObjectBytes();
        var rowGroupsPerPart = CommonOptions.RowGroupsPerPart();
        var noOnline = new Option<bool>("--no-online-features") { Description = "Local: do not write the latest features per entity to the key-value store" };
        var local = new Option<bool>("--local") { Description = "Process in-process with --concurrency (the default, and the only mode, for a local path)" };
        var queue = new Option<string?>("--queue", "-q") { Description = "Cloud: the deployment's queue, azqueue://account/queue, the SQS queue URL (stack output BufferQueueUrl) or pubsub://projects/P/topics/T (Terraform output backfill_topic)" };
        var kv = new Option<string?>("--kv") { Description = "Cloud: the deployment's key-value store, aztable://[account/]table, dynamodb://table or gs://state-bucket/prefix" };
        var wait = new Option<string>("--wait")
        {
            Description = "Cloud: how long to follow the functions' progress before reporting what is still pending (e.g. 90s, 30m, 2h; default 1h)",
            DefaultValueFactory = _ => "1h",
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Cloud: enqueue and return; objects not already finished are reported as pending (exit 0)" };
        var command = new Command("backfill", "Process every object below PATH, skipping those already completed; resumable. Cloud lakes are processed by the deployment through its queue.")
        {
            path, output, spec, state, json, concurrency, root, since, dryRun, noOnline, largeObjectBytes, rowGroupsPerPart, local, queue, kv, wait, noWait,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var target = parse.GetValue(path)!;
            if (!CloudBackfillTarget.IsCloudUri(target))
            {
                if (parse.GetValue(queue) is not null || parse.GetValue(kv) is not null)
                {
                    throw new CliUsageException($"--queue and --kv are for a cloud lake (az://…, s3://…); the local path '{target}' is processed in-process.");
                }

                var request = new RunRequest(
                    LakeLayout.FromPath(target, parse.GetValue(root)),
                    parse.GetValue(output)!,
                    parse.GetValue(state),
                    SpecLoader.Load(parse.GetValue(spec)),
                    parse.GetValue(json),
                    parse.GetValue(concurrency),
                    parse.GetValue(since),
                    parse.GetValue(dryRun))
                {
                    OnlineFeatures = !parse.GetValue(noOnline),
                    LargeObjectBytes = parse.GetValue(largeObjectBytes),
                    RowGroupsPerPart = parse.GetValue(rowGroupsPerPart),
                };
                return (await RunRequestExecutor.ExecuteAsync(request, console, ct).ConfigureAwait(false)).ExitCode;
            }

            if (parse.GetValue(local))
            {
                throw new CliUsageException($"--local processes on this machine and needs a local path; '{target}' is a cloud lake: drop --local to enqueue it on the deployment's queue (--queue), which does not pull the data through this machine.");
            }

            var queued = new QueuedRequest(
                target,
                parse.GetValue(queue),
                parse.GetValue(kv),
                parse.GetValue(root),
                SpecLoader.Load(parse.GetValue(spec)),
                parse.GetValue(json),
                parse.GetValue(since),
                parse.GetValue(dryRun),
                parse.GetValue(noWait) ? null : WaitDuration.Parse(parse.GetValue(wait)!));
            var summary = await QueuedRequestExecutor.ExecuteAsync(queued, Environment.GetEnvironmentVariable, console, ct).ConfigureAwait(false);
            return summary.ExitCode;
        }));
        return command;
    }
}
