namespace ServerlessPrep.Azure;

/// <summary>Parses the storage URIs hosts are configured with: <c>azblob://container[/prefix]</c>, <c>aztable://table</c>.</summary>
internal static class AzureStorageUri
{
    public const string BlobScheme = "azblob://";
    public const string TableScheme = "aztable://";

    public static bool TryParseBlob(string? value, out string container, out string prefix)
    {
        container = prefix = string.Empty;
        if (value is null || !value.StartsWith(BlobScheme, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value[BlobScheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        container = slash < 0 ? rest : rest[..slash];
        prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        return IsValidName(container, 3, 63, container: true);
    }

    public static bool TryParseTable(string? value, out string table)
    {
        table = string.Empty;
        if (value is null || !value.StartsWith(TableScheme, StringComparison.Ordinal))
        {
            return false;
        }

        table = value[TableScheme.Length..].TrimEnd('/');
        return IsValidName(table, 3, 63, container: false) && char.IsAsciiLetter(table[0]);
    }

    /// <summary>Containers: lowercase letters, digits and '-'; tables: letters and digits.</summary>
    private static bool IsValidName(string name, int min, int max, bool container)
    {
        if (name.Length < min || name.Length > max)
        {
            return false;
        }

        foreach (var c in name)
        {
            var ok = container ? char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' : char.IsAsciiLetterOrDigit(c);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
