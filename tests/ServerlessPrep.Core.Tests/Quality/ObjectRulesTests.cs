using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Quality.Rules;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Quality;

public sealed class ObjectRulesTests
{
    private static PreparationPipeline CreateSut(params RuleSpec[] rules) => Fixtures.Pipeline(
        Fixtures.Spec(new ColumnSpec { Name = "x", Impute = new ImputeSpec(ImputeStrategy.Mean), Transform = new TransformSpec { Kind = TransformKind.Passthrough } }) with { Rules = [.. rules] },
        Batch(Doubles("x", 1, 2, 3)));

    [Fact]
    public void CompleteObject_CompletenessAcrossBatches_MeasuredBeforeImputation()
    {
        var sut = CreateSut(new RuleSpec { Kind = RuleKind.Completeness, Column = "x", Min = 0.8, Action = RuleAction.Warn });
        sut.Apply(Batch(Doubles("x", 1, null, 3)));
        sut.Apply(Batch(3, Doubles("x", 4, 5)));

        var result = Assert.Single(sut.CompleteObject());

        Assert.Equal(new ObjectRuleResult("x.completeness", RuleAction.Warn, true, "x is 80.00 % complete; expected at least 80.00 %"), result);
        Assert.Equal(new RuleCounts(1, 0), sut.Counters.Rules["x.completeness"]);
    }

    [Fact]
    public void CompleteObject_RowCountFailRule_Throws()
    {
        var sut = CreateSut(new RuleSpec { Kind = RuleKind.RowCount, Min = 3, Action = RuleAction.Fail });
        sut.Apply(Batch(Doubles("x", 1, 2)));

        var e = Assert.Throws<RuleViolationException>(sut.CompleteObject);

        Assert.Equal(-1, e.RowIndex);
        Assert.Equal("Rule 'row_count' failed for the object: 2 rows; expected [3, inf]", e.Message);
    }
}
