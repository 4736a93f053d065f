namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// No two rows of the object (partition) share a value: the first occurrence passes, later ones fail. Remembers 64-bit XxHash64
/// hashes of the values seen across batches (8 bytes per distinct value; a false "repeat" needs a 64-bit collision).
/// </summary>
internal sealed class UniqueRuleCheck(RuleSpec spec, int column) : RuleCheck(spec, column)
{
    private readonly HashSet<ulong> _seen = [];
    private readonly KeyHasher _hasher = new(string.Empty);

    public override bool Passes(WorkingColumn column, int row) =>
        column.Nulls[row] || _seen.Add(_hasher.Hash(column, row));

    public override string Reason(WorkingColumn column, int row) => $"{Spec.Column} = {Show(column, row)} repeats an earlier row";
}
