namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// A reusable page-sized byte buffer; <see cref="Length"/> is the current page's size. It grows to the largest page plus 1/16,
/// not by doubling: a writer that puts a whole chunk in one page (Parquet.Net does) makes pages of tens of megabytes whose size
/// varies a little from row group to row group, and doubling would hold twice that for the rest of the object.
/// </summary>
internal sealed class PageBuffer
{
    public byte[] Bytes { get; private set; } = [];

    public int Length { get; set; }

    public static int GrownSize(int current, int needed) => current >= needed ? current : (int)Math.Min(Array.MaxLength, needed + (long)(needed / 16) + 64);

    public byte[] Ensure(int length)
    {
        if (Bytes.Length < length)
        {
            Bytes = new byte[GrownSize(Bytes.Length, length)];
        }

        Length = length;
        return Bytes;
    }

    public ReadOnlySpan<byte> Span => Bytes.AsSpan(0, Length);
}
