using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static ServerlessPrep.Core.Specs.SpecVocabulary;

namespace ServerlessPrep.Core.Specs;

/// <summary>
/// Reads a spec file (YAML). Either a single dataset at the top level or <c>datasets: [...]</c>. Every problem is reported
/// together, each with file, line and column, before any data is processed.
/// </summary>
public static class SpecParser
{
    private static readonly string[] DatasetKeys =
        ["name", "match", "format", "table", "csv", "entity", "eventTime", "labels", "inferUnlisted", "columns", "rules", "dedup", "crosses", "split", "drift", "anomalies"];

    public static SpecSet ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException([new SpecError(path, 0, 0, $"cannot read the spec file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    public static SpecSet Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new YamlNodeReader(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SpecException([new SpecError(fileName, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SpecException([new SpecError(fileName, 1, 1, "a spec must be a mapping with 'datasets:' or a single dataset's 'name:'")]);
        }

        var datasets = new List<DatasetSpec>();
        if (reader.Child(root, "datasets") is { } list)
        {
            reader.CheckKeys(root, "the spec file", "datasets");
            if (list is YamlSequenceNode seq)
            {
                foreach (var item in seq)
                {
                    if (item is YamlMappingNode map)
                    {
                        datasets.Add(ParseDataset(reader, map));
                    }
                    else
                    {
                        reader.Error(item, "each entry of 'datasets' must be a mapping with at least 'name'");
                    }
                }
            }
            else
            {
                reader.Error(list, "'datasets' must be a list");
            }
        }
        else
        {
            datasets.Add(ParseDataset(reader, root));
        }

        CheckUniqueNames(reader, datasets, root);
        if (reader.Errors.Count > 0)
        {
            throw new SpecException(reader.Errors);
        }

        return new SpecSet(datasets, fileName);
    }

    private static DatasetSpec ParseDataset(YamlNodeReader r, YamlMappingNode map)
    {
        r.CheckKeys(map, "a dataset", DatasetKeys);
        var name = r.String(map, "name", "dataset");
        if (string.IsNullOrWhiteSpace(name))
        {
            r.Error(map, "a dataset needs a 'name'");
            name = "?";
        }

        var ctx = $"dataset '{name}'";
        var match = r.StringList(map, "match", ctx);
        if (match.Count == 0)
        {
            match.Add(name + "/**");
        }

        var formatNode = r.Child(map, "format");
        var tableNode = r.Child(map, "table");
        var spec = new DatasetSpec
        {
            Name = name,
            Match = [.. match],
            Format = formatNode is null ? InputFormat.Auto : r.Enum(formatNode, r.String(map, "format", ctx), $"{ctx}.format", Formats) ?? InputFormat.Auto,
            Table = tableNode is null ? TableLayout.Auto : r.Enum(tableNode, r.String(map, "table", ctx), $"{ctx}.table", Tables) ?? TableLayout.Auto,
            Csv = ParseCsv(r, map, ctx),
            EntityColumn = r.String(map, "entity", ctx),
            EventTimeColumn = r.String(map, "eventTime", ctx),
            LabelColumns = [.. r.StringList(map, "labels", ctx)],
            InferUnlistedColumns = r.Boolean(map, "inferUnlisted", ctx) ?? true,
            Columns = ColumnSpecParser.Parse(r, r.Child(map, "columns"), ctx),
            Rules = RuleSpecParser.ParseRules(r, r.Child(map, "rules"), ctx),
            Dedup = RuleSpecParser.ParseDedup(r, r.Child(map, "dedup"), ctx),
            Crosses = RuleSpecParser.ParseCrosses(r, r.Child(map, "crosses"), ctx),
            Split = SplitSpecParser.Parse(r, r.Child(map, "split"), ctx),
            Drift = MonitorSpecParser.ParseDrift(r, r.Child(map, "drift"), ctx),
            Anomalies = MonitorSpecParser.ParseAnomalies(r, r.Child(map, "anomalies"), ctx),
        };
        CheckColumnReferences(r, map, spec);
        return spec;
    }

    private static CsvOptions ParseCsv(YamlNodeReader r, YamlMappingNode dataset, string ctx)
    {
        if (r.Child(dataset, "csv") is not { } node)
        {
            return new CsvOptions();
        }

        if (node is not YamlMappingNode map)
        {
            r.Error(node, $"{ctx}.csv must be a mapping (delimiter, header, inferenceRows)");
            return new CsvOptions();
        }

        r.CheckKeys(map, $"{ctx}.csv", "delimiter", "header", "inferenceRows");
        var delimiter = r.String(map, "delimiter", $"{ctx}.csv");
        if (delimiter is { Length: not 1 } && delimiter != "\\t")
        {
            r.Error(r.Child(map, "delimiter")!, $"{ctx}.csv.delimiter must be a single character, got '{delimiter}'");
        }

        return new CsvOptions
        {
            Delimiter = delimiter == "\\t" ? '\t' : delimiter is { Length: 1 } ? delimiter[0] : ',',
            HasHeader = r.Boolean(map, "header", $"{ctx}.csv") ?? true,
            InferenceRows = r.Integer(map, "inferenceRows", $"{ctx}.csv", 1) ?? 1000,
        };
    }

    private static void CheckColumnReferences(YamlNodeReader r, YamlMappingNode map, DatasetSpec spec)
    {
        // Only declared columns can be checked statically; others are checked against the data's schema at run time.
        var declared = spec.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (spec.InferUnlistedColumns || declared.Count == 0)
        {
            return;
        }

        foreach (var rule in spec.Rules)
        {
            if (rule.Column is not null && !declared.Contains(rule.Column))
            {
                r.Error(rule.Line, 1, $"dataset '{spec.Name}': rule '{rule.Name}' names column '{rule.Column}', which is not declared under 'columns' (and inferUnlisted is false)");
            }
        }

        _ = map;
    }

    private static void CheckUniqueNames(YamlNodeReader r, List<DatasetSpec> datasets, YamlMappingNode root)
    {
        foreach (var group in datasets.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            r.Error(root, $"dataset name '{group.Key}' is used {group.Count()} times; names must be unique");
        }
    }

    internal static ImmutableArray<T> Empty<T>() => [];
}
