using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Tests.Storage;

public sealed class OrderedKeyEncodingTests
{
    private const string Alphabet = "\u0000\u0001\u001f !\"#$%-./09:=>?@AZ[\\]^_`az{|}~\u007f\u0080\u009f\u00a0é\u4e2d\uffff";

    [Theory]
    [InlineData("")]
    [InlineData("ds#sales")]
    [InlineData("obj#sales/2026/11/day 25.parquet#0x8D")]
    [InlineData("a\\b?c\td\u007f\u0085!.>[~")]
    public void Encode_ThenDecode_RoundTrips(string key)
        => Assert.Equal(key, OrderedKeyEncoding.Decode(OrderedKeyEncoding.Encode(key)));

    [Fact]
    public void Encode_AnyString_HasNoForbiddenCharacters()
    {
        var encoded = OrderedKeyEncoding.Encode(Alphabet);

        Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void Encode_RandomPairs_PreservesOrdinalOrderAndPrefixes()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 20000; i++)
        {
            var a = RandomKey(random);
            var b = random.Next(4) == 0 ? a + RandomKey(random) : RandomKey(random);
            var (ea, eb) = (OrderedKeyEncoding.Encode(a), OrderedKeyEncoding.Encode(b));

            Assert.Equal(Math.Sign(string.CompareOrdinal(a, b)), Math.Sign(string.CompareOrdinal(ea, eb)));
            Assert.Equal(b.StartsWith(a, StringComparison.Ordinal), eb.StartsWith(ea, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void PrefixUpperBound_EncodedPrefix_BoundsExactlyTheKeysWithThatPrefix()
    {
        var prefix = OrderedKeyEncoding.Encode("obj#a/");
        var upper = OrderedKeyEncoding.PrefixUpperBound(prefix)!;

        Assert.True(string.CompareOrdinal(OrderedKeyEncoding.Encode("obj#a/\uffff\uffff"), upper) < 0);
        Assert.True(string.CompareOrdinal(OrderedKeyEncoding.Encode("obj#a0"), upper) >= 0);
        Assert.True(string.CompareOrdinal(OrderedKeyEncoding.Encode("obj#a."), prefix) < 0);
    }

    [Fact]
    public void Encode_LongerThanLimit_ThrowsWithLimit()
    {
        var ex = Assert.Throws<ArgumentException>(() => OrderedKeyEncoding.Encode(new string('/', 400), 1024));

        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1200, OrderedKeyEncoding.Encode(new string('/', 400)).Length);
    }

    private static string RandomKey(Random random)
    {
        var chars = new char[random.Next(0, 6)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }
}
