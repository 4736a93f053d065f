using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Quality.Rules;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Quality;

public sealed class RulesTests
{
    private static RowBatch CreateBatch(long firstRow = 0) => Batch(
        firstRow,
        Strings("id", "1", "2", "2", "4", "5", "6"),
        Doubles("amount", 10, -5, 20, null, 2000, 30),
        Strings("status", "new", "new", "odd", "done", "done", "new"),
        Strings("email", "a@x.org", "b@x.org", "c@x.org", "nope", null, "f@x.org"));

    private static PreparationPipeline CreateSut(params RuleSpec[] rules) => Fixtures.Pipeline(
        Fixtures.Spec(
            Fixtures.Column("id", TransformKind.Keep),
            Fixtures.Column("amount", TransformKind.Passthrough),
            Fixtures.Column("status", TransformKind.Keep),
            Fixtures.Column("email", TransformKind.Keep)) with
        { Rules = [.. rules] },
        CreateBatch());

    [Fact]
    public void Apply_RejectRules_RejectedRowsCarryRuleColumnValueAndReason()
    {
        var sut = CreateSut(
            new RuleSpec { Kind = RuleKind.NotNull, Column = "amount" },
            new RuleSpec { Kind = RuleKind.Range, Column = "amount", Min = 0, Max = 1000 },
            new RuleSpec { Kind = RuleKind.Allowed, Column = "status", Values = ["new", "done"] },
            new RuleSpec { Kind = RuleKind.Regex, Column = "email", Pattern = "^[^@]+@[^@]+$" });

        var prepared = sut.Apply(CreateBatch(firstRow: 100));

        Assert.Equal([10, 30], Values(prepared.Features, "amount"));
        var rejected = prepared.Rejected.OrderBy(r => r.RowIndex).ToArray();
        Assert.Equal([101, 102, 103, 104], rejected.Select(r => r.RowIndex).ToArray());
        Assert.Equal(("amount.range", "amount", "-5", "amount = -5 is outside [0, 1000]"), (rejected[0].Rule, rejected[0].Column, rejected[0].Value, rejected[0].Reason));
        Assert.Equal(("status.allowed", "odd", "status = 'odd' is not one of [new, done]"), (rejected[1].Rule, rejected[1].Value, rejected[1].Reason));
        Assert.Equal(("amount.not_null", null, "amount is missing"), (rejected[2].Rule, rejected[2].Value, rejected[2].Reason));
        Assert.Equal("amount.range", rejected[3].Rule);
        Assert.Equal("2000", rejected[3].Row["amount"]);
        Assert.Null(rejected[3].Row["email"]);
        Assert.Equal("done", rejected[3].Row["status"]);
    }

    [Fact]
    public void Apply_RuleCounts_EveryRowEvaluatedFailuresCounted()
    {
        var sut = CreateSut(
            new RuleSpec { Kind = RuleKind.Regex, Column = "email", Pattern = "^[^@]+@[^@]+$" },
            new RuleSpec { Kind = RuleKind.Unique, Column = "id", Action = RuleAction.Warn });

        var prepared = sut.Apply(CreateBatch());

        Assert.Equal(new RuleCounts(6, 1), sut.Counters.Rules["email.regex"]);
        Assert.Equal(new RuleCounts(6, 1), sut.Counters.Rules["id.unique"]);
        Assert.Equal("email = 'nope' does not match /^[^@]+@[^@]+$/", Assert.Single(prepared.Rejected).Reason);
        Assert.Equal(5, prepared.Features.RowCount);
        Assert.Equal(1, sut.Counters.RowsRejected);
    }

    [Fact]
    public void Apply_UniqueReject_RepeatsAcrossBatchesRejected()
    {
        var sut = CreateSut(new RuleSpec { Kind = RuleKind.Unique, Column = "id" });

        var first = sut.Apply(CreateBatch());
        var second = sut.Apply(CreateBatch(firstRow: 6));

        Assert.Equal("id = '2' repeats an earlier row", Assert.Single(first.Rejected).Reason);
        Assert.Equal(6, second.Rejected.Count);
        Assert.Equal(0, second.Features.RowCount);
    }

    [Fact]
    public void Apply_FailRule_ThrowsNamingRuleRowAndValue()
    {
        var sut = CreateSut(new RuleSpec { Kind = RuleKind.Range, Column = "amount", Min = 0, Action = RuleAction.Fail });

        var e = Assert.Throws<RuleViolationException>(() => sut.Apply(CreateBatch(firstRow: 10)));

        Assert.Equal(("amount.range", "amount", 11L, "-5"), (e.Rule, e.Column, e.RowIndex, e.Value));
        Assert.Equal("Rule 'amount.range' failed at row 11, column 'amount': amount = -5 is outside [0, inf]", e.Message);
    }

    [Fact]
    public void Apply_RangeOnText_ChecksLength()
    {
        var sut = CreateSut(new RuleSpec { Kind = RuleKind.Range, Column = "status", Min = 4 });

        var prepared = sut.Apply(CreateBatch());

        Assert.Equal(4, prepared.Rejected.Count);
        Assert.Equal("status length 3 is outside [4, inf]", prepared.Rejected[0].Reason);
    }

    [Fact]
    public void Create_RuleOnUnknownColumnOrBadRegex_SpecErrorsTogether()
    {
        var e = Assert.Throws<SpecException>(() => CreateSut(
            new RuleSpec { Kind = RuleKind.NotNull, Column = "missing", Line = 3 },
            new RuleSpec { Kind = RuleKind.Regex, Column = "email", Pattern = "([", Line = 4 }));

        Assert.Equal([3, 4], e.Errors.Select(x => x.Line).ToArray());
    }

    [Fact]
    public void Apply_AllowedOnNumbers_ComparesNumerically()
    {
        var sut = CreateSut(new RuleSpec { Kind = RuleKind.Allowed, Column = "amount", Values = ["10", "20.0", "30"] });

        var prepared = sut.Apply(CreateBatch());

        Assert.Equal([10, 20, 0, 30], Values(prepared.Features, "amount"));
        Assert.True(prepared.Features["amount"].IsNull(2));
        Assert.Equal(["amount = -5 is not one of [10, 20.0, 30]", "amount = 2000 is not one of [10, 20.0, 30]"], prepared.Rejected.Select(r => r.Reason).ToArray());
    }
}
