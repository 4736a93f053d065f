using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Quality;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Quality;

public sealed class RuleSuggesterTests
{
    private static DatasetProfile Profile()
    {
        var n = 200;
        var schema = new BatchSchema([new ColumnSchema("id", DataKind.Int64), new ColumnSchema("amount", DataKind.Double), new ColumnSchema("country", DataKind.String)]);
        var ids = Enumerable.Range(1, n).Select(i => (long)i).ToArray();
        var amounts = Enumerable.Range(0, n).Select(i => i * 1.5).ToArray();
        var amountNulls = Enumerable.Range(0, n).Select(i => i % 40 == 0).ToArray(); // 5 missing of 200
        var countries = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "DE" : "FR").ToArray<string?>();
        var profiler = new ObjectProfiler();
        profiler.Add(new RowBatch(schema, [new Int64Column("id", ids, null, n), new DoubleColumn("amount", amounts, amountNulls, n), new StringColumn("country", countries, n)], n));
        return profiler.ToProfile();
    }

    [Fact]
    public void Suggest_TypicalColumns_ProposesDeequStyleRules()
    {
        var rules = RuleSuggester.Suggest(Profile()).Select(r => (r.Column, r.Kind, r.Min, string.Join(",", r.Values))).ToList();

        Assert.Contains(("id", RuleKind.NotNull, (double?)null, string.Empty), rules);
        Assert.Contains(("id", RuleKind.Range, (double?)0, string.Empty), rules);
        Assert.Contains(("id", RuleKind.Unique, (double?)null, string.Empty), rules);
        Assert.Contains(("amount", RuleKind.Completeness, (double?)0.97, string.Empty), rules);
        Assert.Contains(("amount", RuleKind.Range, (double?)0, string.Empty), rules);
        Assert.Contains(("country", RuleKind.Allowed, (double?)null, "DE,FR"), rules);
        Assert.DoesNotContain(rules, r => r.Column == "country" && r.Kind == RuleKind.Unique);
        Assert.All(RuleSuggester.Suggest(Profile()), r => Assert.Equal(RuleAction.Warn, r.Action));
    }

    [Fact]
    public void ToYaml_Suggestions_ParseBackAsASpec()
    {
        var rules = RuleSuggester.Suggest(Profile());

        var spec = Assert.Single(SpecParser.Parse(RuleSuggester.ToYaml("orders", rules), "suggested.yaml").Datasets);

        Assert.Equal(rules.Length, spec.Rules.Length);
        Assert.Equal("orders", spec.Name);
    }
}
