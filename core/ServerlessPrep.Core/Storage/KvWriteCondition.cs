namespace ServerlessPrep.Core.Storage;

/// <summary>When a conditional put may write.</summary>
public sealed record KvWriteCondition
{
    private KvWriteCondition(KvWriteConditionKind kind, string? versionToken)
    {
        Kind = kind;
        VersionToken = versionToken;
    }

    public KvWriteConditionKind Kind { get; }

    public string? VersionToken { get; }

    /// <summary>Write unconditionally.</summary>
    public static KvWriteCondition None { get; } = new(KvWriteConditionKind.None, null);

    /// <summary>Write only if no item exists under the key.</summary>
    public static KvWriteCondition IfAbsent { get; } = new(KvWriteConditionKind.IfAbsent, null);

    /// <summary>Write only if the stored item still has this version token.</summary>
    public static KvWriteCondition IfVersion(string versionToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(versionToken);
        return new(KvWriteConditionKind.IfVersion, versionToken);
    }
}

public enum KvWriteConditionKind
{
    None,
    IfAbsent,
    IfVersion,
}
