namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Orders per-key sequencers: S3 and Event Grid sequencers are hex strings, GCS generations decimal strings; both compare
/// correctly as ordinal strings once left-padded to the same length.
/// </summary>
public static class SequencerOrder
{
    /// <summary>Negative if <paramref name="a"/> is older than <paramref name="b"/>; 0 if equal or either is unknown.</summary>
    public static int Compare(string? a, string? b)
    {
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
        {
            return 0;
        }

        var width = Math.Max(a.Length, b.Length);
        return string.CompareOrdinal(a.PadLeft(width, '0').ToUpperInvariant(), b.PadLeft(width, '0').ToUpperInvariant());
    }
}
