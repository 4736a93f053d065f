namespace ServerlessPrep.Gcp;

/// <summary>Parses <c>gs://bucket[/prefix]</c>.</summary>
internal static class GcsUri
{
    public const string Scheme = "gs://";

    public static bool TryParse(string? value, out string bucket, out string prefix)
    {
        bucket = prefix = string.Empty;
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        bucket = slash < 0 ? rest : rest[..slash];
        prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        return bucket.Length is >= 3 and <= 222
            && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');
    }
}
