using ServerlessPrep.Core.Lakehouse;

namespace ServerlessPrep.Core.Tests.Lakehouse;

public sealed class DeltaLogKeyTests
{
    [Theory]
    [InlineData("sales/_delta_log/00000000000000000007.json", "sales", 7L)]
    [InlineData("lake/events/_delta_log/00000000000000012345.json", "lake/events", 12345L)]
    [InlineData("_delta_log/00000000000000000000.json", "", 0L)]
    public void Parse_Commit_GivesTableRootAndVersion(string key, string root, long version)
    {
        var log = DeltaLogKey.Parse(key)!;

        Assert.Equal(root, log.TableRoot);
        Assert.Equal(version, log.CommitVersion);
    }

    [Theory]
    [InlineData("sales/_delta_log/_last_checkpoint")]
    [InlineData("sales/_delta_log/00000000000000000010.checkpoint.parquet")]
    [InlineData("sales/_delta_log/00000000000000000010.crc")]
    [InlineData("sales/_delta_log/00000000000000000004.00000000000000000006.compacted.json")]
    [InlineData("sales/_delta_log/_staged_commits/00000000000000000001.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json")]
    [InlineData("sales/_delta_log/7.json")]
    public void Parse_OtherLogFiles_AreLogKeysButNotCommits(string key)
    {
        var log = DeltaLogKey.Parse(key)!;

        Assert.Equal("sales", log.TableRoot);
        Assert.Null(log.CommitVersion);
    }

    [Fact]
    public void Parse_KeysOutsideALog_AreNotLogKeys()
    {
        Assert.Null(DeltaLogKey.Parse("sales/part-0.parquet"));
        Assert.Null(DeltaLogKey.Parse("sales/my_delta_log/00000000000000000000.json"));
    }

    [Theory]
    [InlineData("00000000000000000010.checkpoint.parquet", 10L, 1, 1)]
    [InlineData("00000000000000000010.checkpoint.0000000002.0000000003.parquet", 10L, 2, 3)]
    public void TryParseCheckpoint_ClassicAndMultiPart(string name, long version, int part, int parts)
    {
        Assert.True(DeltaLogKey.TryParseCheckpoint(name, out var v, out var o, out var p));
        Assert.Equal((version, part, parts), (v, o, p));
    }

    [Theory]
    [InlineData("00000000000000000010.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json")]
    [InlineData("00000000000000000010.checkpoint.0000000004.0000000003.parquet")]
    [InlineData("10.checkpoint.parquet")]
    public void TryParseCheckpoint_RejectsV2AndMalformedNames(string name)
        => Assert.False(DeltaLogKey.TryParseCheckpoint(name, out _, out _, out _));

    [Theory]
    [InlineData("s3://bucket/other/part-0.parquet", "absolute")]
    [InlineData("/abs/part-0.parquet", "absolute")]
    [InlineData("../other-table/part-0.parquet", "leaves the table folder")]
    [InlineData("a/%2E%2E/%2E%2E/x.parquet", "leaves the table folder")]
    public void DataKey_PathsOutsideTheTable_AreRefusedWithAReason(string path, string reason)
    {
        Assert.Null(DeltaLogKey.DataKey("sales", path, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DataKey_IsUrlDecodedAndRelativeToTheRoot()
    {
        Assert.Equal("sales/d=2024-01-01 00:00/p 0.parquet", DeltaLogKey.DataKey("sales", "d=2024-01-01%2000%3A00/p%200.parquet", out _));
        Assert.Equal("p.parquet", DeltaLogKey.DataKey(string.Empty, "p.parquet", out _));
    }
}
