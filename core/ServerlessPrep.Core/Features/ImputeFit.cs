namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Specs;

/// <summary>Frozen imputation of one column.</summary>
/// <param name="Strategy">How the fill value was chosen.</param>
/// <param name="Number">Fill value for numeric, boolean (0/1), timestamp and date (microseconds) columns; null = no fill known.</param>
/// <param name="Text">Fill value for text columns; null = no fill known.</param>
/// <param name="AddIndicator">Emit <c>&lt;column&gt;__is_missing</c>.</param>
public sealed record ImputeFit(ImputeStrategy Strategy, double? Number, string? Text, bool AddIndicator);
