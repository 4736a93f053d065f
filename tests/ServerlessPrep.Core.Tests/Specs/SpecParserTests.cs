using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Specs;

public sealed class SpecParserTests
{
    private const string FullSpec = """
        datasets:
          - name: sales
            match: ["sales/**", "archive/sales/*.csv"]
            format: csv
            csv: { delimiter: ";", header: true, inferenceRows: 50 }
            entity: customer_id
            eventTime: ts
            labels: [label]
            columns:
              amount:
                type: double
                impute: { strategy: constant, value: "0", indicator: true }
                outliers: { method: zscore, k: 2.5, action: drop }
                transform: standardize
              country:
                trim: true
                case: upper
                transform: { kind: onehot, topK: 5 }
              note: text
            rules:
              - { column: amount, check: range, min: 0, max: 1000 }
              - { column: country, check: allowed, values: [DE, FR], action: warn }
              - { column: email, check: regex, pattern: "^[^@]+@[^@]+$" }
              - { check: row_count, min: 1, action: fail }
            dedup: { keys: [order_id], keep: last }
            crosses: [ { columns: [country, category], buckets: 16 } ]
            split: { by: customer_id, salt: s1, train: 0.7, validation: 0.2, test: 0.1 }
        """;

    [Fact]
    public void Parse_FullSpec_ReadsEverySetting()
    {
        var spec = Assert.Single(SpecParser.Parse(FullSpec, "spec.yaml").Datasets);

        Assert.Equal("sales", spec.Name);
        Assert.Equal(["sales/**", "archive/sales/*.csv"], spec.Match.ToArray());
        Assert.Equal(InputFormat.Csv, spec.Format);
        Assert.Equal(';', spec.Csv.Delimiter);
        Assert.Equal(50, spec.Csv.InferenceRows);
        Assert.Equal("customer_id", spec.EntityColumn);
        Assert.Equal("ts", spec.EventTimeColumn);
        Assert.Equal(["label"], spec.LabelColumns.ToArray());

        var amount = spec.FindColumn("amount")!;
        Assert.Equal(DataKind.Double, amount.Type);
        Assert.Equal(new ImputeSpec(ImputeStrategy.Constant, "0", true), amount.Impute);
        Assert.Equal(new OutlierSpec(OutlierMethod.ZScore, 2.5, OutlierAction.Drop), amount.Outliers);
        Assert.Equal(TransformKind.Standardize, amount.Transform!.Kind);
        Assert.Equal(10, amount.Line);

        var country = spec.FindColumn("country")!;
        Assert.True(country.Trim);
        Assert.Equal(TextCase.Upper, country.Case);
        Assert.Equal(5, country.Transform!.TopK);
        Assert.Equal(TransformKind.TextHash, spec.FindColumn("note")!.Transform!.Kind);

        Assert.Equal(4, spec.Rules.Length);
        Assert.Equal("amount.range", spec.Rules[0].Name);
        Assert.Equal(RuleAction.Reject, spec.Rules[0].Action);
        Assert.Equal(RuleAction.Warn, spec.Rules[1].Action);
        Assert.Equal(["DE", "FR"], spec.Rules[1].Values.ToArray());
        Assert.Equal(RuleKind.RowCount, spec.Rules[3].Kind);
        Assert.Null(spec.Rules[3].Column);

        Assert.Equal(["order_id"], spec.Dedup!.Keys.ToArray());
        Assert.Equal(DedupKeep.Last, spec.Dedup.Keep);
        Assert.Equal(16, Assert.Single(spec.Crosses).Buckets);
        Assert.Equal("customer_id", spec.Split.GroupColumn);
        Assert.Equal(0.7, spec.Split.Train);
    }

    [Fact]
    public void Parse_SingleDatasetAtTopLevel_DefaultsMatchToNameFolder()
    {
        var spec = Assert.Single(SpecParser.Parse("name: events\n", "s.yaml").Datasets);

        Assert.Equal(["events/**"], spec.Match.ToArray());
        Assert.Equal(InputFormat.Auto, spec.Format);
        Assert.Equal(0.8, spec.Split.Train);
    }

    [Fact]
    public void Parse_TypoInKey_ReportsFileLineColumnAndSuggestion()
    {
        const string yaml = "name: sales\ncolumns:\n  amount:\n    inpute: median\n";

        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, "spec.yaml")).Errors);

        Assert.Equal("spec.yaml", error.File);
        Assert.Equal(4, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("unknown key 'inpute'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'impute'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllTogether()
    {
        const string yaml = """
            name: sales
            columns:
              amount: { transform: standardise }
            rules:
              - { column: amount, check: range }
              - { column: email, check: regex, pattern: "([a-z" }
            split: { train: 0.9, validation: 0.2, test: 0.1 }
            """;

        var errors = Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, "spec.yaml")).Errors;

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Line == 3 && e.Message.Contains("did you mean 'standardize'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("needs 'min' and/or 'max'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 7 && e.Message.Contains("add up to 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsLocation()
    {
        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecParser.Parse("name: [unclosed\n", "bad.yaml")).Errors);

        Assert.Equal("bad.yaml", error.File);
        Assert.True(error.Line >= 1);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateDatasetNames_IsAnError()
    {
        const string yaml = "datasets:\n  - name: a\n  - name: a\n";

        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, "s.yaml")).Errors);

        Assert.Contains("'a' is used 2 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectActionOnObjectLevelRule_IsAnError()
    {
        const string yaml = "name: a\nrules:\n  - { check: row_count, min: 1 }\n";

        var error = Assert.Single(Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, "s.yaml")).Errors);

        Assert.Contains("use action 'warn' or 'fail'", error.Message, StringComparison.Ordinal);
    }
}
