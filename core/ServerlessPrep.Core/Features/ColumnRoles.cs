namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Data;

/// <summary>Name heuristics for the default spec: id-like names, the entity column and the event-time column.</summary>
internal static class ColumnRoles
{
    private static readonly string[] EntityHints = ["customer", "user", "account", "client", "member", "entity", "device", "patient", "session"];

    /// <summary><c>id</c>, <c>key</c>, <c>uuid</c>, <c>guid</c>, or a name ending in <c>_id</c>/<c>-id</c>/<c>.id</c>/<c>Id</c> (camel case), same for key.</summary>
    public static bool HasIdName(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower is "id" or "key" or "uuid" or "guid" || lower.EndsWith("uuid", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["id", "key"])
        {
            if (lower.Length > suffix.Length && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                var before = name[name.Length - suffix.Length - 1];
                var first = name[name.Length - suffix.Length];
                if (before is '_' or '-' or '.' || (char.IsUpper(first) && char.IsLower(before)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static string? GuessEntityColumn(BatchSchema schema)
    {
        foreach (var c in schema.Columns)
        {
            if (c.Kind is DataKind.String or DataKind.Int64 && HasIdName(c.Name))
            {
                var lower = c.Name.ToLowerInvariant();
                foreach (var hint in EntityHints)
                {
                    if (lower.Contains(hint, StringComparison.Ordinal))
                    {
                        return c.Name;
                    }
                }
            }
        }

        return null;
    }

    public static string? GuessEventTimeColumn(BatchSchema schema)
    {
        string? first = null;
        foreach (var c in schema.Columns)
        {
            if (c.Kind != DataKind.Timestamp)
            {
                continue;
            }

            var lower = c.Name.ToLowerInvariant();
            if (lower.Contains("event", StringComparison.Ordinal) || lower.EndsWith("_at", StringComparison.Ordinal) || lower is "ts" or "time" or "timestamp")
            {
                return c.Name;
            }

            first ??= c.Name;
        }

        return first;
    }
}
