namespace ServerlessPrep.Testing;

/// <summary>Small helpers shared by the contract tests.</summary>
public static class TestData
{
    /// <summary>Deterministic pseudo-random bytes (same seed, same bytes).</summary>
    public static byte[] Bytes(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reads a stream to its end and disposes it.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    /// <summary>A key or partition unique to one test, so tests can share an emulator's bucket or table.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N");
}
