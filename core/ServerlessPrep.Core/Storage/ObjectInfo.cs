namespace ServerlessPrep.Core.Storage;

/// <summary>What a store knows about one object without reading it.</summary>
public sealed record ObjectInfo(string Key, long Size, string? ETag, DateTimeOffset LastModified, string? Version = null)
{
    /// <summary>Version id when both sides have one, else ETag, else size and modification time.</summary>
    public bool IsSameVersionAs(ObjectInfo other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Version is not null && other.Version is not null)
        {
            return Version == other.Version;
        }

        return ETag is not null && other.ETag is not null
            ? ETag == other.ETag && Size == other.Size
            : Size == other.Size && LastModified == other.LastModified;
    }

    /// <summary>How the version is named in messages.</summary>
    public string VersionLabel => Version is not null ? $"version {Version}" : ETag is not null ? $"ETag {ETag}" : $"{Size} bytes modified {LastModified:O}";
}
