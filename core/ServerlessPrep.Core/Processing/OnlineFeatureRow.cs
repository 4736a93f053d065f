namespace ServerlessPrep.Core.Processing;

/// <summary>One entity's latest feature row as served from the key-value store.</summary>
/// <param name="Entity">The entity key.</param>
/// <param name="EventTime">The event time of the row (UTC).</param>
/// <param name="Source">The object key the row came from.</param>
/// <param name="Features">Feature name → value, in the feature view's column order; null where the value was null.</param>
/// <param name="Format">The stored item format: 1 (JSON, written by earlier versions) or 2 (binary).</param>
public sealed record OnlineFeatureRow(string Entity, DateTime EventTime, string Source, IReadOnlyDictionary<string, double?> Features, int Format);
