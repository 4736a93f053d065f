using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Specs;

public sealed class SpecWriterTests
{
    [Fact]
    public void Write_ThenParse_GivesTheSameSpec()
    {
        var original = new DatasetSpec
        {
            Name = "odd \"name\"",
            Match = ["a/**", "b/*.csv"],
            Format = InputFormat.JsonLines,
            Csv = new CsvOptions { Delimiter = '\t', HasHeader = false, InferenceRows = 7 },
            EntityColumn = "user_id",
            EventTimeColumn = "ts",
            LabelColumns = ["y"],
            InferUnlistedColumns = false,
            Columns =
            [
                new ColumnSpec { Name = "amount", Type = DataKind.Double, Impute = new ImputeSpec(ImputeStrategy.Median, null, true), Outliers = new OutlierSpec(OutlierMethod.Iqr, 1.5, OutlierAction.Clip), Transform = new TransformSpec { Kind = TransformKind.Standardize } },
                new ColumnSpec { Name = "country", Trim = true, Case = TextCase.Lower, Transform = new TransformSpec { Kind = TransformKind.OneHot, TopK = 3 } },
                new ColumnSpec { Name = "raw" },
                new ColumnSpec { Name = "y" },
                new ColumnSpec { Name = "email" },
            ],
            Rules =
            [
                new RuleSpec { Kind = RuleKind.Range, Column = "amount", Min = 0, Max = 1e6 },
                new RuleSpec { Kind = RuleKind.Allowed, Column = "country", Values = ["de", "fr"], Action = RuleAction.Warn },
                new RuleSpec { Kind = RuleKind.Regex, Column = "email", Pattern = "^\\S+@\\S+$" },
            ],
            Dedup = new DedupSpec(["user_id", "ts"], DedupKeep.Last),
            Crosses = [new CrossSpec(["country", "raw"], 8)],
            Split = new SplitSpec { Method = SplitMethod.Time, ValidationFrom = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), TestFrom = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero) },
        };

        var yaml = SpecWriter.Write([original]);
        var parsed = Assert.Single(SpecParser.Parse(yaml, "roundtrip.yaml").Datasets);

        Assert.Equal(original.Name, parsed.Name);
        Assert.Equal(original.Match.ToArray(), parsed.Match.ToArray());
        Assert.Equal(original.Format, parsed.Format);
        Assert.Equal(original.Csv, parsed.Csv);
        Assert.Equal(original.EntityColumn, parsed.EntityColumn);
        Assert.Equal(original.LabelColumns.ToArray(), parsed.LabelColumns.ToArray());
        Assert.False(parsed.InferUnlistedColumns);
        Assert.Equal(original.Columns.Select(c => c with { Line = 0 }), parsed.Columns.Select(c => c with { Line = 0 }));
        Assert.Equal(original.Rules.Select(r => (r.Kind, r.Column, r.Min, r.Max, r.Pattern, r.Action, string.Join(",", r.Values))), parsed.Rules.Select(r => (r.Kind, r.Column, r.Min, r.Max, r.Pattern, r.Action, string.Join(",", r.Values))));
        Assert.Equal(original.Dedup.Keys.ToArray(), parsed.Dedup!.Keys.ToArray());
        Assert.Equal(original.Crosses[0].Columns.ToArray(), parsed.Crosses[0].Columns.ToArray());
        Assert.Equal(original.Split, parsed.Split);
    }
}
