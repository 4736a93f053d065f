namespace ServerlessPrep.Azure;

/// <summary>The container and prefix the lake store is scoped to; maps an event's blob to a lake-relative key.</summary>
public sealed record LakeScope(string Container, string Prefix)
{
    public string NormalizedPrefix { get; } = Prefix.Trim('/').Length == 0 ? string.Empty : Prefix.Trim('/') + "/";

    /// <summary>The key relative to the lake root, or <c>null</c> when the blob lies outside the lake.</summary>
    public string? KeyOf(string container, string blobName)
    {
        if (!string.Equals(container, Container, StringComparison.Ordinal) || !blobName.StartsWith(NormalizedPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var key = blobName[NormalizedPrefix.Length..];
        return key.Length == 0 ? null : key;
    }
}
