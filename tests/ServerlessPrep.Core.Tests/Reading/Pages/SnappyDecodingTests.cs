using System.Text;
using ServerlessPrep.Core.Reading.Pages;

namespace ServerlessPrep.Core.Tests.Reading.Pages;

/// <summary>Our raw-Snappy decoders against Snappier's compressor (an independent implementation) and hand-made blocks.</summary>
public class SnappyDecodingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70_000)]
    [InlineData(3_000_000)]
    public void Decode_SnappierCompressedText_GivesTheOriginalBytes(int length)
    {
        var original = SampleText(length);
        var compressed = Compress(original);

        var target = new byte[original.Length];
        Assert.Equal(original.Length, SnappyBlock.Decode(compressed, target));
        Assert.Equal(original, target);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4093)]
    [InlineData(300_000)]
    public void Window_TakenInPieces_GivesTheOriginalBytes(int piece)
    {
        var original = SampleText(2_500_000);
        var window = new SnappyWindow();
        window.Reset(Compress(original));

        var read = new List<byte>(original.Length);
        var random = new Random(piece);
        while (window.Remaining > 0)
        {
            var count = (int)Math.Min(window.Remaining, 1 + random.Next(piece));
            read.AddRange(window.Take(count).ToArray());
        }

        Assert.Equal(original, read.ToArray());
    }

    [Fact]
    public void Window_BackReferenceBeyondItsHistory_DecodesTheBlockWholeAndStaysCorrect()
    {
        // A 100,000-byte literal, then a copy of 64 bytes from 100,000 bytes back: legal Snappy that no 64 KiB-fragment
        // compressor writes, and further back than the window keeps.
        var literal = Encoding.ASCII.GetBytes(SampleTextString(100_000));
        var block = new List<byte>();
        block.AddRange(Varint(100_064));
        block.Add(63 << 2); // literal, length in the next 4 bytes
        block.AddRange(BitConverter.GetBytes(100_000 - 1));
        block.AddRange(literal);
        block.Add((byte)(((64 - 1) << 2) | 3)); // copy with a 4-byte offset
        block.AddRange(BitConverter.GetBytes(100_000));
        var expected = literal.Concat(literal.Take(64)).ToArray();

        var target = new byte[expected.Length];
        Assert.Equal(expected.Length, SnappyBlock.Decode(block.ToArray(), target));
        Assert.Equal(expected, target);

        var window = new SnappyWindow();
        window.Reset(block.ToArray());
        var first = window.Take(99_990).ToArray();
        var rest = window.Take(74).ToArray();
        Assert.Equal(expected, first.Concat(rest).ToArray());
    }

    [Fact]
    public void Decode_CorruptBlocks_AreRejected()
    {
        var good = Compress(SampleText(10_000));
        Assert.Equal(-1, SnappyBlock.Decode(good.AsSpan(0, good.Length / 2), new byte[10_000]));   // truncated
        Assert.Equal(-1, SnappyBlock.Decode(good, new byte[9_999]));                               // wrong declared size
        byte[] zeroOffset = [.. Varint(5), 0, (byte)'a', 1 << 0 | 0 << 2, 0];                        // copy with offset 0
        Assert.Equal(-1, SnappyBlock.Decode(zeroOffset, new byte[5]));
        byte[] tooFar = [.. Varint(6), 0, (byte)'a', 2 | (4 << 2), 9, 0];                            // offset 9 after 1 byte
        Assert.Equal(-1, SnappyBlock.Decode(tooFar, new byte[6]));

        var window = new SnappyWindow();
        window.Reset(good.AsMemory(0, good.Length / 2));
        Assert.Throws<InvalidDataException>(() => window.Take(10_000).ToArray());
        window.Reset(tooFar);
        Assert.Throws<InvalidDataException>(() => window.Take(6).ToArray());
    }

    private static byte[] Compress(byte[] data)
    {
        var buffer = new byte[Snappier.Snappy.GetMaxCompressedLength(data.Length)];
        var length = Snappier.Snappy.Compress(data, buffer);
        return buffer.AsSpan(0, length).ToArray();
    }

    private static byte[] SampleText(int length) => Encoding.ASCII.GetBytes(SampleTextString(length));

    private static string SampleTextString(int length)
    {
        var random = new Random(length);
        string[] words = ["order", "shipped", "late", "refund", "blue", "customer", "asked", "again", "x", "quality"];
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(3) == 0 ? random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : " ");
        }

        return text.ToString(0, length);
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return [.. bytes];
    }
}
