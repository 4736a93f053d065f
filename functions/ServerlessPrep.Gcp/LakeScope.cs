namespace ServerlessPrep.Gcp;

/// <summary>The bucket and prefix the lake store is scoped to; maps an event's object to a lake-relative key.</summary>
public sealed record LakeScope(string Bucket, string Prefix)
{
    public string NormalizedPrefix { get; } = Prefix.Trim('/').Length == 0 ? string.Empty : Prefix.Trim('/') + "/";

    /// <summary>The key relative to the lake root, or <c>null</c> when the object lies outside the lake.</summary>
    public string? KeyOf(string bucket, string objectName)
    {
        if (!string.Equals(bucket, Bucket, StringComparison.Ordinal) || !objectName.StartsWith(NormalizedPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var key = objectName[NormalizedPrefix.Length..];
        return key.Length == 0 ? null : key;
    }
}
