using System.Text.RegularExpressions;
using ServerlessPrep.Aws.Config;
using ServerlessPrep.Core.Specs;
using YamlDotNet.RepresentationModel;

namespace ServerlessPrep.Aws.Tests;

/// <summary>
/// Checks template.yaml (AWS SAM). Parsed with YamlDotNet's representation model, which keeps CloudFormation short tags
/// (!Ref, !GetAtt, !Sub, !If...) as node tags instead of failing on them.
/// </summary>
public sealed partial class TemplateTests
{
    private const string LambdaTaskRoot = "/var/task/";
    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly YamlMappingNode Root = Load();
    private static readonly YamlMappingNode Resources = (YamlMappingNode)Root["Resources"];

    [Fact]
    public void Function_CustomRuntimeOnArm64_HandlerBootstrap()
    {
        var properties = Properties("PrepFunction");

        Assert.Equal("AWS::Serverless::Function", Scalar(Resources["PrepFunction"], "Type"));
        Assert.Equal("provided.al2023", Scalar(properties, "Runtime"));
        Assert.Equal("bootstrap", Scalar(properties, "Handler"));
        Assert.Equal(["arm64"], ((YamlSequenceNode)properties["Architectures"]).Select(n => ((YamlScalarNode)n).Value));
        Assert.False(string.IsNullOrEmpty(Scalar(properties, "CodeUri")));
        Assert.True(properties.Children.ContainsKey("ReservedConcurrentExecutions"));
    }

    [Fact]
    public void Function_Environment_SetsEveryVariableTheHostNeeds()
    {
        var variables = (YamlMappingNode)((YamlMappingNode)Properties("PrepFunction")["Environment"])["Variables"];

        foreach (var name in AwsHostConfig.RequiredDeploymentVariables.Append(AwsHostConfig.TempDirectoryVariable))
        {
            Assert.True(variables.Children.ContainsKey(name), $"{name} is not set");
        }

        Assert.StartsWith("s3://", Scalar(variables, AwsHostConfig.OutputVariable), StringComparison.Ordinal);
        Assert.StartsWith("dynamodb://", Scalar(variables, AwsHostConfig.KvVariable), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_SpecVariable_NamesTheBundledSpecWhichLoads()
    {
        var variables = (YamlMappingNode)((YamlMappingNode)Properties("PrepFunction")["Environment"])["Variables"];
        var spec = (YamlScalarNode)variables[AwsHostConfig.SpecVariable];
        var value = spec.Tag.Value == "!Ref" ? Scalar(((YamlMappingNode)Root["Parameters"])[spec.Value!], "Default") : spec.Value;

        Assert.StartsWith(LambdaTaskRoot, value, StringComparison.Ordinal);
        var bundled = Path.Combine(RepositoryRoot, "functions", "ServerlessPrep.Aws", value![LambdaTaskRoot.Length..]);
        Assert.True(File.Exists(bundled), $"{value} is not bundled: {bundled} does not exist");
        Assert.NotNull(SpecSource.Load(bundled));
        Assert.Contains(Path.GetFileName(bundled), File.ReadAllText(Path.Combine(RepositoryRoot, "functions", "ServerlessPrep.Aws", "ServerlessPrep.Aws.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void Iam_EveryStatement_NoWildcardActionOrResource()
    {
        var statements = Descendants(Root).OfType<YamlMappingNode>()
            .Where(m => m.Children.ContainsKey("Statement"))
            .SelectMany(m => (YamlSequenceNode)m["Statement"])
            .Cast<YamlMappingNode>()
            .ToList();

        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            foreach (var action in Values(statement, "Action"))
            {
                Assert.False(action == "*" || action.EndsWith(":*", StringComparison.Ordinal), $"wildcard action {action}");
            }

            foreach (var resource in Values(statement, "Resource"))
            {
                Assert.NotEqual("*", resource);
            }

            Assert.False(statement.Children.ContainsKey("NotAction") || statement.Children.ContainsKey("NotResource"));
        }
    }

    [Fact]
    public void Queue_RedrivesToDeadLetterQueue_WithAlarmOnDepth()
    {
        var redrive = (YamlMappingNode)Properties("BufferQueue")["RedrivePolicy"];
        var dlq = ((YamlScalarNode)redrive["deadLetterTargetArn"]).Value!.Split('.')[0];

        Assert.Equal("AWS::SQS::Queue", Scalar(Resources[dlq], "Type"));
        Assert.True(redrive.Children.ContainsKey("maxReceiveCount"));
        var alarm = Resources.Children.Values.Cast<YamlMappingNode>().Single(r => Scalar(r, "Type") == "AWS::CloudWatch::Alarm");
        Assert.Contains(Descendants(alarm).OfType<YamlScalarNode>(), n => n.Value == $"{dlq}.QueueName");
    }

    [Fact]
    public void EventSourceMapping_ReportsBatchItemFailures()
    {
        var events = (YamlMappingNode)Properties("PrepFunction")["Events"];
        var sqs = events.Children.Values.Cast<YamlMappingNode>().Single(e => Scalar(e, "Type") == "SQS");

        Assert.Contains("ReportBatchItemFailures", Values((YamlMappingNode)sqs["Properties"], "FunctionResponseTypes"));
    }

    [Fact]
    public void Table_OnDemandWithPkSkAndTtl()
    {
        var properties = Properties("StateTable");

        Assert.Equal("PAY_PER_REQUEST", Scalar(properties, "BillingMode"));
        Assert.Equal(["pk", "sk"], ((YamlSequenceNode)properties["KeySchema"]).Select(k => Scalar(k, "AttributeName")));
        Assert.Equal("ttl", Scalar(properties["TimeToLiveSpecification"], "AttributeName"));
    }

    [Fact]
    public void BackfillOperator_MaySendToTheBufferQueueListTheLakeAndReadTheTable_AndTheQueueUrlIsAnOutput()
    {
        var statements = ((YamlSequenceNode)((YamlMappingNode)Properties("BackfillOperatorPolicy")["PolicyDocument"])["Statement"])
            .Cast<YamlMappingNode>().ToDictionary(s => Scalar(s, "Sid")!);

        Assert.Contains("sqs:SendMessage", Values(statements["EnqueueBackfill"], "Action"));
        Assert.Equal("BufferQueue.Arn", Scalar(statements["EnqueueBackfill"], "Resource"));
        Assert.Equal(["dynamodb:GetItem", "dynamodb:Query"], Values(statements["FollowProgress"], "Action"));
        Assert.Equal("s3:ListBucket", Scalar(statements["ListLakePrefix"], "Action"));
        Assert.DoesNotContain(statements.Values.SelectMany(s => Values(s, "Action")), a => a.StartsWith("s3:Get", StringComparison.Ordinal) || a.StartsWith("s3:Put", StringComparison.Ordinal));
        var outputs = (YamlMappingNode)Root["Outputs"];
        Assert.Equal("BufferQueue", Scalar(outputs["BufferQueueUrl"], "Value"));
        Assert.Equal("BackfillOperatorPolicy", Scalar(outputs["BackfillOperatorPolicyArn"], "Value"));
    }

    [Fact]
    public void References_EveryRefGetAttAndSubTarget_Exists()
    {
        var known = Resources.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!)
            .Concat(((YamlMappingNode)Root["Parameters"]).Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!))
            .ToHashSet();

        foreach (var node in Descendants(Root).OfType<YamlScalarNode>().Where(n => !n.Tag.IsNonSpecific && !n.Tag.IsEmpty))
        {
            var targets = node.Tag.Value switch
            {
                "!Ref" => [node.Value!],
                "!GetAtt" => [node.Value!.Split('.')[0]],
                "!Sub" => SubVariable().Matches(node.Value!).Select(m => m.Groups[1].Value.Split('.')[0]).ToArray(),
                _ => Array.Empty<string>(),
            };
            foreach (var target in targets.Where(t => !t.StartsWith("AWS::", StringComparison.Ordinal)))
            {
                Assert.True(known.Contains(target), $"{node.Tag.Value} {node.Value} refers to unknown '{target}'");
            }
        }
    }

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubVariable();

    private static YamlMappingNode Properties(string resource) => (YamlMappingNode)((YamlMappingNode)Resources[resource])["Properties"];

    private static string? Scalar(YamlNode mapping, string key) => ((YamlMappingNode)mapping)[key] is YamlScalarNode s ? s.Value : null;

    private static IEnumerable<string> Values(YamlMappingNode mapping, string key)
        => !mapping.Children.TryGetValue(key, out var node) ? []
            : node is YamlSequenceNode sequence ? sequence.OfType<YamlScalarNode>().Select(s => s.Value!)
            : node is YamlScalarNode scalar ? [scalar.Value!] : [];

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node.AllNodes;

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryRoot, "template.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "template.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("template.yaml not found above " + AppContext.BaseDirectory);
    }
}
