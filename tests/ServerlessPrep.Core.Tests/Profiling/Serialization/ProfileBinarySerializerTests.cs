using System.Buffers.Binary;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using Xunit.Abstractions;

namespace ServerlessPrep.Core.Tests.Profiling.Serialization;

public sealed class ProfileBinarySerializerTests(ITestOutputHelper output)
{
    internal const string FixtureName = "dataset-profile-v1.0.bin";

    [Fact]
    public void RoundTrip_RealisticProfile_SameStatisticsAndBytes()
    {
        var profile = CreateFixtureProfile();

        var bytes = ProfileBinarySerializer.Serialize(profile);
        var loaded = ProfileBinarySerializer.Deserialize(bytes);

        Assert.Equal(bytes, ProfileBinarySerializer.Serialize(loaded));
        Assert.Equal(ProfileJsonWriter.ToJson(profile), ProfileJsonWriter.ToJson(loaded));
        Assert.Equal(profile.Schema, loaded.Schema);
        foreach (var column in profile.Columns)
        {
            output.WriteLine($"{column.Name}: {ProfileBinarySerializer.SerializeColumn(column).Length} bytes");
        }

        output.WriteLine($"total: {bytes.Length} bytes");
        Assert.True(bytes.Length < 200_000, $"{bytes.Length} bytes");
    }

    [Fact]
    public void RoundTrip_Column_SameAnswers()
    {
        var column = CreateFixtureProfile().Find("amount")!;

        var loaded = ProfileBinarySerializer.DeserializeColumn(ProfileBinarySerializer.SerializeColumn(column));

        Assert.Equal((column.Mean, column.Variance, column.NullCount), (loaded.Mean, loaded.Variance, loaded.NullCount));
        Assert.Equal(column.Quantile(0.9), loaded.Quantile(0.9));
        Assert.Equal(column.DistinctEstimate, loaded.DistinctEstimate);
    }

    [Fact]
    public void Deserialize_NewerMinorVersionWithTrailingFields_SkipsThem()
    {
        var bytes = ProfileBinarySerializer.Serialize(CreateFixtureProfile());

        // A newer writer: minor version 7, and unknown fields appended to the dataset section.
        var newer = new byte[bytes.Length + 5];
        bytes.CopyTo(newer, 0);
        newer.AsSpan(bytes.Length).Fill(0xAB);
        BinaryPrimitives.WriteUInt16LittleEndian(newer.AsSpan(6), 7);
        var length = BinaryPrimitives.ReadInt32LittleEndian(newer.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(newer.AsSpan(8), length + 5);

        var loaded = ProfileBinarySerializer.Deserialize(newer);

        Assert.Equal(ProfileBinarySerializer.Serialize(loaded), bytes);
    }

    [Fact]
    public void Deserialize_FutureMajorVersion_Refused()
    {
        var bytes = ProfileBinarySerializer.Serialize(CreateFixtureProfile());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);

        var error = Assert.Throws<ProfileFormatException>(() => ProfileBinarySerializer.Deserialize(bytes));
        Assert.Contains("2.x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_BadMagic_Refused() =>
        Assert.Throws<ProfileFormatException>(() => ProfileBinarySerializer.Deserialize("JUNKJUNKJUNK"u8));

    [Fact]
    public void Deserialize_AnyTruncation_ProfileFormatException()
    {
        var profiler = new ObjectProfiler();
        profiler.Add(Batches.Of(Batches.Doubles("x", [1, null, 2]), Batches.Strings("s", ["a", null, "b c"])));
        var bytes = ProfileBinarySerializer.Serialize(profiler.ToProfile());

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<ProfileFormatException>(() => ProfileBinarySerializer.Deserialize(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Fixture_V1_Loads()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Profiling", "Fixtures", FixtureName));

        var profile = ProfileBinarySerializer.Deserialize(bytes);

        Assert.Equal(6_000, profile.RowCount);
        Assert.Equal(2, profile.ObjectCount);
        Assert.Equal("id:Int64,amount:Double,category:String,email:String,text:String,flag:Boolean,at:Timestamp", profile.Schema.Fingerprint);
        var ids = profile.Find("id")!;
        Assert.Equal((0d, 5_999d, 6_000L), (ids.Min, ids.Max, ids.RowCount));
        Assert.InRange(ids.DistinctEstimate, 6_000 * 0.98, 6_000 * 1.02);
        Assert.Equal(50, profile.Find("category")!.DistinctEstimate);
        Assert.Equal(SemanticType.Email, profile.Find("email")!.SemanticType);
        Assert.Equal(SemanticType.FreeText, profile.Find("text")!.SemanticType);
        Assert.Equal(3_000, profile.Find("flag")!.RowCount);
        Assert.Equal(DataKind.Timestamp, profile.Find("at")!.Kind);
        Assert.True(profile.Find("email")!.TopValuesDropped);
        Assert.Equal(10, profile.Find("category")!.TopValues(10).Count);
        var amount = profile.Find("amount")!;
        Assert.InRange(amount.Quantile(0.5)!.Value, 240, 260);
        Assert.InRange(amount.Mean!.Value, 245, 255);
    }

    [Fact]
    public void Fixture_V1_MergesWithCurrentProfileInEitherOrder()
    {
        // Profiles written by the first version meet profiles of this one (faster sketches, same format) in one merge.
        var old = ProfileBinarySerializer.Deserialize(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Profiling", "Fixtures", FixtureName)));
        var current = CreateFixtureProfile();

        var oldFirst = old.Merge(current);
        var currentFirst = current.Merge(old);

        Assert.Equal(ProfileJsonWriter.ToJson(oldFirst), ProfileJsonWriter.ToJson(currentFirst));
        Assert.Equal(12_000, oldFirst.RowCount);
        Assert.Equal(50, oldFirst.Find("category")!.DistinctEstimate);
        Assert.InRange(oldFirst.Find("id")!.DistinctEstimate, 6_000 * 0.98, 6_000 * 1.02);
        var amount = oldFirst.Find("amount")!;
        Assert.InRange(amount.Quantile(0.5)!.Value, 240, 260);
        Assert.Equal(old.Find("amount")!.Mean!.Value, amount.Mean!.Value, 9);
    }

    /// <summary>Rewrites the committed fixture: run with SERVERLESSPREP_WRITE_FIXTURES=1 only when deliberately adding a new format version's fixture.</summary>
    [Fact]
    public void Fixture_Write_WhenRequested()
    {
        if (Environment.GetEnvironmentVariable("SERVERLESSPREP_WRITE_FIXTURES") is not { } root)
        {
            return;
        }

        File.WriteAllBytes(Path.Combine(root, FixtureName), ProfileBinarySerializer.Serialize(CreateFixtureProfile()));
    }

    internal static DatasetProfile CreateFixtureProfile()
    {
        var first = new ObjectProfiler();
        first.Add(Batches.Realistic(3_000, seed: 1));
        var second = new ObjectProfiler();
        var batch = Batches.Realistic(3_000, seed: 2, firstId: 3_000);
        var flags = Enumerable.Range(0, 3_000).Select(i => (bool?)(i % 3 == 0)).ToArray();
        var times = Enumerable.Range(0, 3_000).Select(i => 1_700_000_000_000_000L + i * 1_000_000L).ToArray();
        second.Add(Batches.Of([.. batch.Columns, Batches.Booleans("flag", flags), Batches.Longs("at", times, DataKind.Timestamp)]));
        return first.ToProfile().Merge(second.ToProfile());
    }
}
