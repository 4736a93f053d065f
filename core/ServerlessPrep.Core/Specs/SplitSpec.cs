namespace ServerlessPrep.Core.Specs;

public enum SplitMethod
{
    /// <summary>hash(group key, salt) → train/validation/test by the ratios.</summary>
    Hash,

    /// <summary>Event time before <see cref="SplitSpec.ValidationFrom"/> → train, before <see cref="SplitSpec.TestFrom"/> → validation, else test.</summary>
    Time,
}

public sealed record SplitSpec
{
    public SplitMethod Method { get; init; } = SplitMethod.Hash;

    /// <summary>Column whose value groups rows (all rows of a group land in one split). Default: the entity column, else the whole row's content.</summary>
    public string? GroupColumn { get; init; }

    public string Salt { get; init; } = "serverlessprep";

    public double Train { get; init; } = 0.8;

    public double Validation { get; init; } = 0.1;

    public double Test { get; init; } = 0.1;

    public DateTimeOffset? ValidationFrom { get; init; }

    public DateTimeOffset? TestFrom { get; init; }
}
