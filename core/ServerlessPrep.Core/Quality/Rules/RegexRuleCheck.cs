using System.Text.RegularExpressions;

namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// The value's text matches <see cref="RuleSpec.Pattern"/> (compiled once, invariant culture; add <c>^…$</c> to anchor).
/// A match that exceeds <see cref="Timeout"/> counts as a failure rather than stalling the object.
/// </summary>
internal sealed class RegexRuleCheck(RuleSpec spec, int column, Regex regex) : RuleCheck(spec, column)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    private bool _timedOut;

    public static Regex Compile(string pattern) => new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, Timeout);

    public override bool Passes(WorkingColumn column, int row)
    {
        if (column.TextAt(row) is not { } text)
        {
            return true;
        }

        try
        {
            _timedOut = false;
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            _timedOut = true;
            return false;
        }
    }

    public override string Reason(WorkingColumn column, int row) => _timedOut
        ? $"{Spec.Column} = {Show(column, row)}: matching /{Spec.Pattern}/ timed out after {Timeout.TotalMilliseconds} ms"
        : $"{Spec.Column} = {Show(column, row)} does not match /{Spec.Pattern}/";
}
