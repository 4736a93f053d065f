using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Processing;

/// <summary>The dataset an object belongs to, and its path relative to the dataset (used for output keys).</summary>
/// <param name="Spec">The declared spec, or null when the dataset is the default one for a top folder (spec to be inferred).</param>
public sealed record DatasetMatch(string Dataset, DatasetSpec? Spec, string RelativePath);
