using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ServerlessPrep.Reliability.Tests.Fuzzing;

/// <summary>Seeded mutations of valid inputs: each (mutation, seed) gives the same bytes every run.</summary>
internal static class Mutator
{
    public static byte[] Apply(Mutation mutation, byte[] input, Random random) => mutation switch
    {
        Mutation.BitFlips => FlipBits(input, random, 0, input.Length),
        Mutation.FooterBitFlips => FlipBits(input, random, Math.Max(0, input.Length - 256), input.Length),
        Mutation.Truncation => input[..random.Next(input.Length)],
        Mutation.HugeFooterLength => HugeFooterLength(input, random),
        Mutation.RandomBytes => RandomBytes(random),
        Mutation.RaggedCsv => RaggedCsv(random),
        Mutation.InvalidUtf8Jsonl => InvalidUtf8Jsonl(random),
        _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
    };

    public static string Extension(Mutation mutation, Random random) => mutation switch
    {
        Mutation.RaggedCsv => ".csv",
        Mutation.InvalidUtf8Jsonl => ".jsonl",
        Mutation.RandomBytes => random.Next(4) switch { 0 => ".csv", 1 => ".jsonl", 2 => ".json", _ => ".parquet" },
        _ => ".parquet",
    };

    private static byte[] FlipBits(byte[] input, Random random, int from, int to)
    {
        var output = (byte[])input.Clone();
        var flips = 1 + random.Next(8);
        for (var i = 0; i < flips; i++)
        {
            output[random.Next(from, to)] ^= (byte)(1 << random.Next(8));
        }

        return output;
    }

    /// <summary>The 4-byte little-endian footer length before the trailing "PAR1", set to something the file cannot hold.</summary>
    private static byte[] HugeFooterLength(byte[] input, Random random)
    {
        var output = (byte[])input.Clone();
        int[] lengths = [int.MaxValue, int.MaxValue - 7, -1, int.MinValue, output.Length, output.Length - 7, 1 << 30, random.Next()];
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(output.Length - 8), lengths[random.Next(lengths.Length)]);
        return output;
    }

    private static byte[] RandomBytes(Random random)
    {
        var output = new byte[random.Next(0, 4096)];
        random.NextBytes(output);
        if (output.Length >= 8 && random.Next(2) == 0)
        {
            "PAR1"u8.CopyTo(output);
            "PAR1"u8.CopyTo(output.AsSpan(output.Length - 4));
        }

        return output;
    }

    private static byte[] RaggedCsv(Random random)
    {
        var text = new StringBuilder("a,b,c\n");
        var rows = random.Next(0, 60);
        for (var r = 0; r < rows; r++)
        {
            var fields = random.Next(0, 8);
            for (var f = 0; f < fields; f++)
            {
                text.Append(random.Next(6) switch
                {
                    0 => "\"unterminated",
                    1 => "\"\"\"",
                    2 => random.Next().ToString(CultureInfo.InvariantCulture),
                    3 => "",
                    4 => "x\"y",
                    _ => new string('z', random.Next(0, 3000)),
                });
                if (f < fields - 1)
                {
                    text.Append(random.Next(10) == 0 ? ';' : ',');
                }
            }

            text.Append(random.Next(5) == 0 ? "\r" : "\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] InvalidUtf8Jsonl(Random random)
    {
        byte[][] bad = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
        using var output = new MemoryStream();
        var lines = random.Next(1, 40);
        for (var i = 0; i < lines; i++)
        {
            output.Write(Encoding.UTF8.GetBytes($"{{\"id\":{i},\"name\":\""));
            if (random.Next(3) == 0)
            {
                output.Write(bad[random.Next(bad.Length)]);
            }

            output.Write(Encoding.UTF8.GetBytes(random.Next(8) == 0 ? "\",\"v\":" : $"\",\"v\":{random.NextDouble().ToString(CultureInfo.InvariantCulture)}}}"));
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }
}
