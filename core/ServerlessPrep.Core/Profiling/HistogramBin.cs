namespace ServerlessPrep.Core.Profiling;

/// <summary>An equal-width bin [Lower, Upper) (the last bin includes Upper) with its estimated count.</summary>
public readonly record struct HistogramBin(double Lower, double Upper, long Count);
