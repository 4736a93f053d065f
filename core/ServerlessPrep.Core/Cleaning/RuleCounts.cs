namespace ServerlessPrep.Core.Cleaning;

/// <summary>How many rows a rule looked at and how many failed it.</summary>
public readonly record struct RuleCounts(long Evaluated, long Failed);
