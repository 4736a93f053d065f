using System.Text.Json;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Core.Tests.Profiling.Serialization;

public sealed class ProfileJsonWriterTests
{
    [Fact]
    public void ToJson_SameProfile_SameText()
    {
        var profile = ProfileBinarySerializerTests.CreateFixtureProfile();

        Assert.Equal(ProfileJsonWriter.ToJson(profile), ProfileJsonWriter.ToJson(ProfileBinarySerializerTests.CreateFixtureProfile()));
    }

    [Fact]
    public void ToJson_Realistic_HasTheReportedFields()
    {
        using var document = JsonDocument.Parse(ProfileJsonWriter.ToJson(ProfileBinarySerializerTests.CreateFixtureProfile()));
        var root = document.RootElement;

        Assert.Equal(6_000, root.GetProperty("rowCount").GetInt64());
        var amount = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "amount");
        foreach (var name in new[] { "count", "nulls", "min", "max", "mean", "stddev", "quantiles", "distinct", "histogram" })
        {
            Assert.True(amount.TryGetProperty(name, out _), name);
        }

        Assert.Equal(9, amount.GetProperty("quantiles").EnumerateObject().Count());
        Assert.Equal(ProfileJsonWriter.HistogramBins, amount.GetProperty("histogram").GetArrayLength());
        var email = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "email");
        Assert.Equal("Email", email.GetProperty("semanticType").GetString());
        Assert.True(email.GetProperty("text").GetProperty("meanLength").GetDouble() > 10);
        Assert.True(email.GetProperty("topValuesDropped").GetBoolean());
        var category = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "category");
        Assert.Equal(ProfileJsonWriter.TopValueCount, category.GetProperty("topValues").GetArrayLength());
    }

    [Fact]
    public void ToJson_NonFiniteAndEmpty_NullsNotInvalidJson()
    {
        var profiler = new ObjectProfiler();
        profiler.Add(Batches.Of(Batches.Doubles("x", [double.NaN, null])));

        var json = ProfileJsonWriter.ToJson(profiler.ToProfile(), indented: false);

        using var document = JsonDocument.Parse(json);
        var column = document.RootElement.GetProperty("columns")[0];
        Assert.Equal(JsonValueKind.Null, column.GetProperty("mean").ValueKind);
        Assert.Equal(1, column.GetProperty("nan").GetInt64());
    }
}
