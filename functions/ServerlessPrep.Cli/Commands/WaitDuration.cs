using System.Globalization;

namespace ServerlessPrep.Cli.Commands;

/// <summary>Parses <c>--wait</c>: <c>90s</c>, <c>30m</c>, <c>2h</c>, or a time span such as <c>01:30:00</c>.</summary>
internal static class WaitDuration
{
    public static TimeSpan Parse(string text)
    {
        var value = text.Trim();
        if (value.Length > 1 && double.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            switch (char.ToLowerInvariant(value[^1]))
            {
                case 's':
                    return TimeSpan.FromSeconds(amount);
                case 'm':
                    return TimeSpan.FromMinutes(amount);
                case 'h':
                    return TimeSpan.FromHours(amount);
            }
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new CliUsageException($"--wait '{text}': expected a duration such as 90s, 30m, 2h or 01:30:00.");
    }
}
