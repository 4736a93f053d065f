using System.IO.Hashing;
using System.Text;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Tests.TestSupport;

namespace ServerlessPrep.Core.Tests.Features;

public sealed class CategoricalFeaturizerTests
{
    private static readonly ExactColumnStatistics Cities = ExactColumnStatistics.Texts("city", "Paris", "Paris", "Paris", "New York", "New York", "Oslo", null);

    [Fact]
    public void OneHot_TopK_OneColumnPerValuePlusOther()
    {
        var fit = OneHotFeaturizer.Fit(Cities, topK: 2);
        var featurizer = new OneHotFeaturizer("city", fit);

        var y = FeaturizerRunner.Run(featurizer, Batches.Strings("city", "Oslo", "Paris", null, "New York"));

        Assert.Equal(["Paris", "New York"], fit.Vocabulary.ToArray());
        Assert.Equal(["city__Paris", "city__New_York", "city__other"], featurizer.OutputNames);
        Assert.Equal([0, 1, 0, 0], y["city__Paris"]);
        Assert.Equal([0, 0, 0, 1], y["city__New_York"]);
        Assert.Equal([1, 0, 0, 0], y["city__other"]);
    }

    [Fact]
    public void OneHot_TiesInFrequency_OrderedOrdinally()
    {
        var fit = OneHotFeaturizer.Fit(ExactColumnStatistics.Texts("c", "b", "a", "c", "b", "a"), topK: 3);

        Assert.Equal(["a", "b", "c"], fit.Vocabulary.ToArray());
    }

    [Fact]
    public void OneHot_SanitizedNamesCollide_AreMadeUnique()
    {
        var fit = OneHotFeaturizer.Fit(ExactColumnStatistics.Texts("c", "a b", "a-b", "other", ""), topK: 4);

        var names = new OneHotFeaturizer("c", fit).OutputNames;

        Assert.Equal(["c__empty", "c__a_b", "c__a_b_2", "c__other", "c__other_2"], names);
    }

    [Fact]
    public void Ordinal_UnknownAndMissing_AreMinusOne()
    {
        var fit = OrdinalFeaturizer.Fit(Cities, topK: 2);

        var y = FeaturizerRunner.Run(new OrdinalFeaturizer("city", fit), Batches.Strings("city", "New York", "Paris", "Oslo", null))["city"];

        Assert.Equal([1, 0, -1, -1], y);
    }

    [Fact]
    public void Hash_Bucket_IsXxHash64OfUtf8ModBuckets()
    {
        var fit = HashFeaturizer.Fit(8);
        var expected = (int)(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes("Zürich")) % 8);

        var y = FeaturizerRunner.Run(new HashFeaturizer("city", fit), Batches.Strings("city", "Zürich", null));

        Assert.Equal(8, y.Count);
        for (var k = 0; k < 8; k++)
        {
            Assert.Equal(k == expected ? 1.0 : 0.0, y[$"city__h{k}"][0]);
            Assert.Equal(0.0, y[$"city__h{k}"][1]);
        }
    }

    [Fact]
    public void TextHash_TokensLowercasedAndSplitOnNonAlphanumerics_CountsPerBucket()
    {
        var fit = TextHashFeaturizer.Fit(16);
        var hello = (int)(XxHash64.HashToUInt64("hello"u8) % 16);
        var world = (int)(XxHash64.HashToUInt64("world42"u8) % 16);

        var y = FeaturizerRunner.Run(new TextHashFeaturizer("t", fit), Batches.Strings("t", "Hello, hello...WORLD42!", "", null));

        var row0 = Enumerable.Range(0, 16).Select(k => y[$"t__h{k}"][0]).ToArray();
        Assert.Equal(3, row0.Sum());
        Assert.Equal(hello == world ? 3 : 2, row0[hello]);
        Assert.Equal(hello == world ? 3 : 1, row0[world]);
        Assert.All(Enumerable.Range(0, 16), k => Assert.Equal(0, y[$"t__h{k}"][1] + y[$"t__h{k}"][2]));
    }

    [Fact]
    public void Cross_Bucket_IsXxHash64OfValuesJoinedByUnitSeparator()
    {
        var cross = new CrossFeaturizer(new CrossFit(["a", "b"], 4));
        var expected = (int)(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes("x\u001f7")) % 4);

        var y = FeaturizerRunner.Run(cross, Batches.Strings("a", "x", "x"), Batches.Longs("b", 7, null));

        Assert.Equal(["a_x_b__h0", "a_x_b__h1", "a_x_b__h2", "a_x_b__h3"], cross.OutputNames);
        Assert.Equal(1.0, y[$"a_x_b__h{expected}"][0]);
        Assert.Equal(1.0, y.Values.Sum(v => v[0]));
        Assert.Equal(0.0, y.Values.Sum(v => v[1]));
    }

    [Fact]
    public void OneHot_LargeInt64Values_MatchedExactly()
    {
        var fit = new TransformFit { Kind = ServerlessPrep.Core.Specs.TransformKind.OneHot, Vocabulary = ["9007199254740993"] };

        var y = FeaturizerRunner.Run(new OneHotFeaturizer("id", fit), Batches.Longs("id", 9007199254740993, 9007199254740992));

        Assert.Equal([1, 0], y["id__9007199254740993"]);
        Assert.Equal([0, 1], y["id__other"]);
    }
}
