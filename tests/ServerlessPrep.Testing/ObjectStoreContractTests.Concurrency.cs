using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task PutIfAbsentAsync_ConcurrentWriters_ExactlyOneWins()
    {
        var first = CreateSut();
        var second = CreateSecondClient(first);
        const int writers = 16;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? first : second).PutIfAbsentAsync("claims/obj#1", new[] { (byte)i }))));

        Assert.Equal(1, results.Count(won => won));
        var winner = Array.IndexOf(results, true);
        Assert.Equal([(byte)winner], await ReadBytesAsync(first, "claims/obj#1"));
    }

    [Fact]
    public virtual async Task PutAsync_ConcurrentReaders_SeeOldOrNewObjectNeverPart()
    {
        var writer = CreateSut();
        var reader = CreateSecondClient(writer);
        var old = Enumerable.Repeat((byte)'o', 256 * 1024).ToArray();
        var @new = Enumerable.Repeat((byte)'n', 300 * 1024).ToArray();
        await PutBytesAsync(writer, "atomic.bin", old);

        using var stop = new CancellationTokenSource();
        var reads = Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested || count == 0)
            {
                var seen = await ReadBytesAsync(reader, "atomic.bin");
                Assert.True(seen.AsSpan().SequenceEqual(old) || seen.AsSpan().SequenceEqual(@new), $"read a partial object of {seen.Length} bytes");
                count++;
            }

            return count;
        });
        for (var i = 0; i < 10; i++)
        {
            await PutBytesAsync(writer, "atomic.bin", i % 2 == 0 ? @new : old);
        }

        await stop.CancelAsync();

        Assert.True(await reads > 0);
    }
}
