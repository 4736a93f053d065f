using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Local;

namespace ServerlessPrep.Cli.Commands;

/// <summary>
/// <c>online --dataset NAME ENTITY…</c>: prints the entities' latest online feature rows from the state store as one JSON
/// document (one batched read; entities without a row are listed with <c>"found": false</c>).
/// </summary>
internal static class OnlineCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset whose online features to read", Required = true };
        var entities = new Argument<string[]>("ENTITY") { Description = "Entity keys (the spec's entity column values)", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.Out();
        var state = CommonOptions.State();
        var command = new Command("online", "Print the latest online feature row of each ENTITY (JSON on stdout).") { dataset, entities, output, state };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var name = parse.GetValue(dataset)!;
            var keys = parse.GetValue(entities)!;
            var statePath = Path.GetFullPath(parse.GetValue(state) ?? Path.Combine(parse.GetValue(output)!, ".state", "serverlessprep.db"));
            if (!File.Exists(statePath))
            {
                await console.Error.WriteLineAsync($"No state store at '{statePath}' (process something first, or pass --out/--state).").ConfigureAwait(false);
                return ExitCodes.Error;
            }

            using var kv = new SqliteKeyValueStore(statePath);
            var rows = await new OnlineFeatureReader(kv).GetManyAsync(name, keys, ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync(Json(name, keys, rows)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>NaN and ±∞ (values, not nulls) are written as the strings "NaN", "Infinity", "-Infinity".</summary>
    private static string Json(string dataset, string[] keys, IReadOnlyList<OnlineFeatureRow?> rows)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("dataset", dataset);
            w.WriteStartArray("entities");
            for (var i = 0; i < keys.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("entity", keys[i]);
                w.WriteBoolean("found", rows[i] is not null);
                if (rows[i] is { } row)
                {
                    w.WriteString("eventTime", row.EventTime.ToString("O", CultureInfo.InvariantCulture));
                    w.WriteString("source", row.Source);
                    w.WriteNumber("format", row.Format);
                    w.WriteStartObject("features");
                    foreach (var (feature, value) in row.Features)
                    {
                        switch (value)
                        {
                            case null:
                                w.WriteNull(feature);
                                break;
                            case var v when double.IsFinite(v.Value):
                                w.WriteNumber(feature, v.Value);
                                break;
                            case var v:
                                w.WriteString(feature, v.Value.ToString(CultureInfo.InvariantCulture));
                                break;
                        }
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
