namespace ServerlessPrep.Core.Profiling;

/// <summary>Lengths (UTF-16 code units) and whitespace token counts over the non-null values of a text column.</summary>
public sealed record TextStatistics(
    long MinLength,
    long MaxLength,
    double MeanLength,
    long MinTokens,
    long MaxTokens,
    double MeanTokens,
    long EmptyCount);
