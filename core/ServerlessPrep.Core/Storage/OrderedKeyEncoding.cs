using System.Globalization;
using System.Text;

namespace ServerlessPrep.Core.Storage;

/// <summary>
/// Reversible encoding of key-value keys for stores that forbid some characters in keys (Azure Table keys: '/', '\\', '#',
/// '?' and control characters; GCS object names: control characters, and '/' inside one segment). The output holds none
/// of U+0000–U+001F, '"', '#', '/', '\\', '?' or U+007F–U+009F, and keeps ordinal order and prefixes:
/// a &lt; b ⇔ Encode(a) &lt; Encode(b), and p is a prefix of s ⇔ Encode(p) is a prefix of Encode(s). Range or prefix
/// queries on encoded keys are therefore the same queries on the original keys.
/// </summary>
/// <remarks>
/// Each forbidden character sits in a "gap" of consecutive code units that also holds one allowed character, the gap's
/// lead. Every code unit of a gap is written as the lead followed by two uppercase hex digits; all other code units are
/// written as they are. A gap's codes sort after every plain character below the gap and before every one above it,
/// and among themselves by code unit, so the mapping is monotone and prefix-free. Gaps (lead): U+0000–U+0023 ('!'),
/// U+002E–U+002F ('.'), U+003E–U+003F ('>'), U+005B–U+005C ('['), U+007E–U+009F ('~').
/// Order is UTF-16 code-unit order (<see cref="string.CompareOrdinal(string, string)"/>).
/// </remarks>
public static class OrderedKeyEncoding
{
    private static readonly (char Low, char High, char Lead)[] Gaps =
    [
        ('\u0000', '\u0023', '!'),
        ('\u002E', '\u002F', '.'),
        ('\u003E', '\u003F', '>'),
        ('\u005B', '\u005C', '['),
        ('\u007E', '\u009F', '~'),
    ];

    /// <summary>Encodes <paramref name="value"/>; throws <see cref="ArgumentException"/> when the result is longer than <paramref name="maxEncodedLength"/> characters.</summary>
    public static string Encode(string value, int maxEncodedLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            var lead = LeadOf(c);
            if (lead is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(lead.Value).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        if (builder.Length > maxEncodedLength)
        {
            throw new ArgumentException($"Key '{Truncate(value)}' encodes to {builder.Length} characters; the store allows {maxEncodedLength}.", nameof(value));
        }

        return builder.ToString();
    }

    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var builder = new StringBuilder(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (!IsLead(c))
            {
                builder.Append(c);
                continue;
            }

            if (i + 2 >= encoded.Length
                || !int.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"'{encoded}' is not a valid encoded key (at {i}).");
            }

            builder.Append((char)code);
            i += 2;
        }

        return builder.ToString();
    }

    /// <summary>The smallest string greater than every string that starts with <paramref name="encodedPrefix"/>; null when unbounded.</summary>
    public static string? PrefixUpperBound(string encodedPrefix)
    {
        ArgumentNullException.ThrowIfNull(encodedPrefix);
        var chars = encodedPrefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] != char.MaxValue)
            {
                chars[i]++;
                return new string(chars, 0, i + 1);
            }
        }

        return null;
    }

    private static char? LeadOf(char c)
    {
        foreach (var (low, high, lead) in Gaps)
        {
            if (c >= low && c <= high)
            {
                return lead;
            }
        }

        return null;
    }

    private static bool IsLead(char c) => c is '!' or '.' or '>' or '[' or '~';

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
