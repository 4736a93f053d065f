namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Specs;

/// <summary>Frozen outlier fences of one numeric column (for <see cref="OutlierAction.Winsorize"/>, the fitted percentiles).</summary>
public sealed record OutlierFit(OutlierMethod Method, OutlierAction Action, double Lower, double Upper);
