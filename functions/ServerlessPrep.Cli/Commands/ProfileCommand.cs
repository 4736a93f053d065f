using System.CommandLine;
using System.Globalization;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using Spectre.Console;

namespace ServerlessPrep.Cli.Commands;

/// <summary>
/// <c>profile FILE</c>: the profile of one file, writing nothing. <c>profile --dataset NAME --out OUT</c>: the dataset profile,
/// merged from the stored per-object profiles (time proportional to the number of objects, not rows).
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string?>("file") { Description = "A Parquet, CSV or JSON Lines file", Arity = ArgumentArity.ZeroOrOne };
        var dataset = new Option<string?>("--dataset") { Description = "Merge the stored profiles of this dataset instead of reading a file" };
        var output = CommonOptions.Out();
        var state = CommonOptions.State();
        var json = CommonOptions.Json();
        var spec = CommonOptions.Spec();
        var profiles = new DatasetProfiles();
        var command = new Command("profile", "Print the profile of a file (nothing is written), or the merged profile of a processed dataset.") { file, dataset, output, state, json, spec };
        profiles.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var profile = parse.GetValue(dataset) is { } name
                ? (await profiles.MergeAsync(parse, name, parse.GetValue(output)!, parse.GetValue(state), parse.GetValue(spec), ct).ConfigureAwait(false)).Profile
                : await ProfileFileAsync(parse.GetValue(file) ?? throw new CliUsageException("Give a FILE to profile, or --dataset NAME."), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ProfileJsonWriter.ToJson(profile)).ConfigureAwait(false);
            }
            else
            {
                Print(console.Rich, profile);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<DatasetProfile> ProfileFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"'{path}' does not exist.");
        }

        await using var stream = File.OpenRead(path);
        await using var reader = await BatchReaderFactory.OpenAsync(stream, Path.GetFileName(path), InputFormat.Auto, new CsvOptions(), ReaderOptions.Default, cancellationToken).ConfigureAwait(false);
        var profiler = new ObjectProfiler();
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            profiler.Add(batch);
        }

        return profiler.ToProfile();
    }

    private static void Print(IAnsiConsole console, DatasetProfile profile)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("column").AddColumn("kind").AddColumn("semantic").AddColumn(new TableColumn("nulls").RightAligned())
            .AddColumn(new TableColumn("distinct≈").RightAligned()).AddColumn(new TableColumn("min").RightAligned()).AddColumn(new TableColumn("median").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("std").RightAligned()).AddColumn("top values");
        foreach (var c in profile.Columns)
        {
            table.AddRow(
                Markup.Escape(c.Name),
                c.Kind.ToString().ToLowerInvariant(),
                c.SemanticType.ToString().ToLowerInvariant(),
                string.Create(CultureInfo.InvariantCulture, $"{c.NullCount:N0} ({(c.RowCount == 0 ? 0 : (double)c.NullCount / c.RowCount):P1})"),
                c.DistinctEstimate.ToString("N0", CultureInfo.InvariantCulture),
                N(c.Min),
                N(c.Quantile(0.5)),
                N(c.Max),
                N(c.Mean),
                N(c.StandardDeviation),
                Markup.Escape(string.Join(", ", c.TopValues(3).Select(t => $"{Shorten(t.Value)} ({t.Count:N0})"))));
        }

        console.Write(table);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{profile.RowCount:N0} rows, {profile.Columns.Length} columns, {profile.ObjectCount} object(s)"));
    }

    private static string N(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string Shorten(string text) => text.Length <= 24 ? text : string.Concat(text.AsSpan(0, 23), "…");
}
