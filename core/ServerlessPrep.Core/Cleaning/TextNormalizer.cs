namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Specs;

/// <summary>Trim and case folding of a text working column (invariant culture), in place.</summary>
internal static class TextNormalizer
{
    public static void Apply(WorkingColumn column, bool trim, TextCase textCase)
    {
        if (column.Texts is not { } texts || (!trim && textCase == TextCase.None))
        {
            return;
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is not { } v)
            {
                continue;
            }

            if (trim)
            {
                v = v.Trim();
            }

            texts[i] = textCase switch
            {
                TextCase.Lower => v.ToLowerInvariant(),
                TextCase.Upper => v.ToUpperInvariant(),
                _ => v,
            };
        }
    }
}
