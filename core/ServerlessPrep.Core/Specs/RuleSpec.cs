using System.Collections.Immutable;

namespace ServerlessPrep.Core.Specs;

public enum RuleKind
{
    NotNull,
    Range,
    Allowed,
    Regex,

    /// <summary>Unique within the partition (object).</summary>
    Unique,

    /// <summary>Share of non-null values ≥ <see cref="RuleSpec.Min"/> (evaluated on the object's profile).</summary>
    Completeness,

    /// <summary>Object row count within [<see cref="RuleSpec.Min"/>, <see cref="RuleSpec.Max"/>].</summary>
    RowCount,
}

public enum RuleAction
{
    /// <summary>Failing rows go to quarantine with the rule and value; the object still completes.</summary>
    Reject,

    /// <summary>Counted and reported only.</summary>
    Warn,

    /// <summary>A failure quarantines the whole object.</summary>
    Fail,
}

/// <summary>A declarative quality rule. <see cref="Column"/> is null for object-level rules such as <see cref="RuleKind.RowCount"/>.</summary>
public sealed record RuleSpec
{
    public required RuleKind Kind { get; init; }

    public string? Column { get; init; }

    public RuleAction Action { get; init; } = RuleAction.Reject;

    public double? Min { get; init; }

    public double? Max { get; init; }

    public ImmutableArray<string> Values { get; init; } = [];

    public string? Pattern { get; init; }

    /// <summary>Stable name used in reports and quarantine reasons, e.g. <c>amount.range</c>.</summary>
    public string Name => Column is null ? SpecVocabulary.NameOf(SpecVocabulary.Rules, Kind) : $"{Column}.{SpecVocabulary.NameOf(SpecVocabulary.Rules, Kind)}";

    public int Line { get; init; }
}

public enum DedupKeep
{
    First,
    Last,
}

/// <summary>Drop rows whose key columns repeat an earlier row of the same object.</summary>
public sealed record DedupSpec(ImmutableArray<string> Keys, DedupKeep Keep = DedupKeep.First);

/// <summary>A hashed cross of two or more categorical columns.</summary>
public sealed record CrossSpec(ImmutableArray<string> Columns, int Buckets = 64);
