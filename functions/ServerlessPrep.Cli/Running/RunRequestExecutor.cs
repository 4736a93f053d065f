using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Cli.Running;

/// <summary>List, process (or dry-run), then report: the body of <c>process</c>, <c>backfill</c> and <c>demo</c>.</summary>
internal static class RunRequestExecutor
{
    public static async Task<RunSummary> ExecuteAsync(RunRequest request, CliConsole console, CancellationToken cancellationToken)
    {
        if (request.Concurrency < 1)
        {
            throw new CliUsageException($"--concurrency must be at least 1, got {request.Concurrency}.");
        }

        var options = request.ProcessorOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new CliUsageException(string.Join(" ", problems));
        }

        using var workspace = LocalWorkspace.Open(request.Lake, request.Output, request.State, request.Specs, options);
        var runner = new BatchRunner(workspace, request.Concurrency, new ConsoleProgress(console.Error, console.ErrorIsTerminal && !request.Json));
        var objects = await runner.ListAsync(request.Lake.Prefix, request.Since, cancellationToken).ConfigureAwait(false);
        var summary = request.DryRun
            ? await DryRun.PlanAsync(workspace, runner, objects, cancellationToken).ConfigureAwait(false)
            : await runner.RunAsync(objects, cancellationToken).ConfigureAwait(false);

        summary.InferredSpecYaml = await InferredSpecsAsync(workspace, summary, cancellationToken).ConfigureAwait(false);
        if (request.Json)
        {
            await console.Out.WriteLineAsync(SummaryJson.Write(summary)).ConfigureAwait(false);
        }
        else
        {
            SummaryTable.Write(console.Rich, summary);
            if (summary.InferredSpecYaml.Length > 0)
            {
                await console.Out.WriteLineAsync().ConfigureAwait(false);
                await console.Out.WriteLineAsync("# Inferred spec (no --spec given for these datasets). Save it, edit it, pass it with --spec:").ConfigureAwait(false);
                await console.Out.WriteAsync(summary.InferredSpecYaml).ConfigureAwait(false);
            }
        }

        return summary;
    }

    private static async Task<string> InferredSpecsAsync(LocalWorkspace workspace, RunSummary summary, CancellationToken cancellationToken)
    {
        var fits = new FitRepository(workspace.Kv);
        var declared = workspace.Specs.Datasets.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var inferred = new List<DatasetSpec>();
        foreach (var dataset in summary.Outcomes.Select(o => o.Dataset).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!declared.Contains(dataset) && await fits.GetInferredSpecAsync(dataset, cancellationToken).ConfigureAwait(false) is { } spec)
            {
                inferred.Add(spec);
            }
        }

        return inferred.Count == 0 ? string.Empty : SpecWriter.Write(inferred);
    }
}
