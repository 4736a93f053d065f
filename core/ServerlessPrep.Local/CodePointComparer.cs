namespace ServerlessPrep.Local;

/// <summary>
/// Orders strings by Unicode code point, which is the same as the byte order of their UTF-8 encodings
/// (the order of S3 listings, DynamoDB sort keys and SQLite's BINARY collation). It differs from
/// <see cref="StringComparer.Ordinal"/> only when a character above U+FFFF meets one in U+E000–U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static CodePointComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return Weight(x[i]) - Weight(y[i]);
            }
        }

        return x.Length - y.Length;
    }

    // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF, so they must sort after U+E000–U+FFFF.
    private static int Weight(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
