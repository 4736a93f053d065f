using ServerlessPrep.Aws.Config;

namespace ServerlessPrep.Aws.Tests.Config;

public sealed class AwsHostConfigTests
{
    [Fact]
    public void Load_CompleteEnvironment_ParsesEverything()
    {
        var config = AwsHostConfig.Load(Env(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4568")), out var errors);

        Assert.Empty(errors);
        Assert.Equal("out", config!.OutputBucket);
        Assert.Equal("prepared/v1", config.OutputPrefix);
        Assert.Equal("state", config.Table);
        Assert.Equal(new Uri("http://127.0.0.1:4568"), config.S3Endpoint);
        Assert.Null(config.DynamoDbEndpoint);
        Assert.Equal("/tmp", config.TempDirectory);
        Assert.Empty(config.Specs.Datasets);
    }

    [Fact]
    public void Load_InlineSpec_ParsesDatasets()
    {
        var config = AwsHostConfig.Load(Env(("SERVERLESSPREP_SPEC", "name: sales\nmatch: [\"raw/sales/**\"]\n")), out var errors);

        Assert.Empty(errors);
        Assert.Equal("sales", Assert.Single(config!.Specs.Datasets).Name);
    }

    [Fact]
    public void Load_SpecFilePath_ParsesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "datasets:\n  - name: a\n  - name: b\n");
        try
        {
            var config = AwsHostConfig.Load(Env(("SERVERLESSPREP_SPEC", path)), out var errors);

            Assert.Empty(errors);
            Assert.Equal(["a", "b"], config!.Specs.Datasets.Select(d => d.Name));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_InvalidSpecAndOtherProblems_ReportsEverySpecErrorWithTheRest()
    {
        const string spec = "name: sales\ncolumns:\n  amount: { transform: standardise }\nsplit: { train: 0.9, validation: 0.2, test: 0.1 }\n";

        var config = AwsHostConfig.Load(Env(("SERVERLESSPREP_SPEC", spec), ("AWS_REGION", "")), out var errors);

        Assert.Null(config);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("AWS_REGION", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SERVERLESSPREP_SPEC: $SERVERLESSPREP_SPEC:3:", StringComparison.Ordinal) && e.Contains("standardize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SERVERLESSPREP_SPEC: $SERVERLESSPREP_SPEC:4:", StringComparison.Ordinal) && e.Contains("add up to 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingSpecFile_ReportsThePath()
    {
        var config = AwsHostConfig.Load(Env(("SERVERLESSPREP_SPEC", "/nonexistent/spec.yaml")), out var errors);

        Assert.Null(config);
        Assert.Contains("/nonexistent/spec.yaml", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EverythingWrong_ReportsAllProblemsTogether()
    {
        var config = AwsHostConfig.Load(
            Env(("SERVERLESSPREP_OUTPUT", "out"), ("SERVERLESSPREP_KV", "dynamodb://t/extra"), ("AWS_REGION", ""), ("AWS_ENDPOINT_URL_DYNAMODB", "ftp://x"), ("SERVERLESSPREP_TEMP_DIR", "relative")),
            out var errors);

        Assert.Null(config);
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("AWS_REGION", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SERVERLESSPREP_OUTPUT", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SERVERLESSPREP_KV", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AWS_ENDPOINT_URL_DYNAMODB", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SERVERLESSPREP_TEMP_DIR", StringComparison.Ordinal));
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
            ["AWS_REGION"] = "eu-west-1",
            ["SERVERLESSPREP_OUTPUT"] = "s3://out/prepared/v1/",
            ["SERVERLESSPREP_KV"] = "dynamodb://state",
        };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return name => values.GetValueOrDefault(name);
    }
}
