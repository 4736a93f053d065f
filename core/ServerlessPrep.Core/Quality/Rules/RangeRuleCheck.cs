using System.Globalization;

namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>Min ≤ value ≤ Max (either bound optional; inclusive). Text columns are checked by their length; NaN fails.</summary>
internal sealed class RangeRuleCheck(RuleSpec spec, int column) : RuleCheck(spec, column)
{
    private readonly double _min = spec.Min ?? double.NegativeInfinity;
    private readonly double _max = spec.Max ?? double.PositiveInfinity;

    public override bool Passes(WorkingColumn column, int row)
    {
        if (column.Nulls[row])
        {
            return true;
        }

        var x = column.Numbers is { } numbers ? numbers[row] : column.Texts![row]!.Length;
        return x >= _min && x <= _max;
    }

    public override string Reason(WorkingColumn column, int row)
    {
        var bounds = string.Create(CultureInfo.InvariantCulture, $"[{Spec.Min?.ToString("R", CultureInfo.InvariantCulture) ?? "-inf"}, {Spec.Max?.ToString("R", CultureInfo.InvariantCulture) ?? "inf"}]");
        return column.Numbers is null
            ? $"{Spec.Column} length {column.Texts![row]!.Length} is outside {bounds}"
            : $"{Spec.Column} = {column.TextAt(row)} is outside {bounds}";
    }
}
