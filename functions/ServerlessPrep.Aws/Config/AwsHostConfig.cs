using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Aws.Config;

/// <summary>The host's configuration, read only from environment variables and validated once at start-up.</summary>
internal sealed record AwsHostConfig
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string OutputVariable = "SERVERLESSPREP_OUTPUT";
    public const string KvVariable = "SERVERLESSPREP_KV";
    public const string TempDirectoryVariable = "SERVERLESSPREP_TEMP_DIR";
    public const string SpecVariable = SpecSource.EnvironmentVariable;
    public const string RegionVariable = "AWS_REGION";
    public const string S3EndpointVariable = "AWS_ENDPOINT_URL_S3";
    public const string DynamoDbEndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";
    public const string EndpointVariable = "AWS_ENDPOINT_URL";
    public const string SqsEndpointVariable = "AWS_ENDPOINT_URL_SQS";

    /// <summary>URL of the SQS queue the function reads (the buffer queue): the parts of a large object are sent there. Unset: parts run in the invocation.</summary>
    public const string PartQueueVariable = "SERVERLESSPREP_PART_QUEUE";

    /// <summary>Variables the deployment must set (the Lambda service sets the runtime API and region itself).</summary>
    public static IReadOnlyList<string> RequiredDeploymentVariables { get; } = [OutputVariable, KvVariable];

    public required string RuntimeApi { get; init; }

    public required string OutputBucket { get; init; }

    public required string OutputPrefix { get; init; }

    public required string Table { get; init; }

    public required string Region { get; init; }

    public Uri? S3Endpoint { get; init; }

    public Uri? DynamoDbEndpoint { get; init; }

    public Uri? SqsEndpoint { get; init; }

    public required string TempDirectory { get; init; }

    /// <summary>SQS queue URL for the parts of large objects (<see cref="PartQueueVariable"/>); null = parts run in the invocation.</summary>
    public string? PartQueueUrl { get; init; }

    /// <summary>Dataset specs from <c>SERVERLESSPREP_SPEC</c> (inline YAML or a file path); empty → every dataset inferred.</summary>
    public SpecSet Specs { get; init; } = SpecSet.Empty;

    /// <summary>Reads and validates every variable; returns all problems together rather than the first.</summary>
    public static AwsHostConfig? Load(Func<string, string?> getVariable, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var problems = new List<string>();
        var runtimeApi = Required(getVariable, RuntimeApiVariable, "host:port of the Lambda Runtime API", problems);
        var region = Required(getVariable, RegionVariable, "e.g. eu-west-1", problems);
        var (bucket, prefix) = ParseUri(getVariable, OutputVariable, "s3", "s3://bucket/prefix", problems);
        var (table, tablePath) = ParseUri(getVariable, KvVariable, "dynamodb", "dynamodb://table", problems);
        if (tablePath.Length > 0)
        {
            problems.Add($"{KvVariable} must name only a table (dynamodb://table), found a path '{tablePath}'.");
        }

        var generic = Endpoint(getVariable, EndpointVariable, problems);
        var s3 = Endpoint(getVariable, S3EndpointVariable, problems) ?? generic;
        var dynamo = Endpoint(getVariable, DynamoDbEndpointVariable, problems) ?? generic;
        var sqs = Endpoint(getVariable, SqsEndpointVariable, problems) ?? generic;
        var temp = getVariable(TempDirectoryVariable) is { Length: > 0 } t ? t : "/tmp";
        if (!Path.IsPathRooted(temp))
        {
            problems.Add($"{TempDirectoryVariable} must be an absolute path, found '{temp}'.");
        }

        var partQueue = getVariable(PartQueueVariable) is { Length: > 0 } q ? q.Trim() : null;
        if (partQueue is not null && !Uri.TryCreate(partQueue, UriKind.Absolute, out _))
        {
            problems.Add($"{PartQueueVariable} must be an SQS queue URL, found '{partQueue}'.");
        }

        var specs = LoadSpecs(getVariable(SpecVariable), problems);
        errors = problems;
        return problems.Count > 0 ? null : new AwsHostConfig
        {
            RuntimeApi = runtimeApi!,
            Region = region!,
            OutputBucket = bucket,
            OutputPrefix = prefix,
            Table = table,
            S3Endpoint = s3,
            DynamoDbEndpoint = dynamo,
            SqsEndpoint = sqs,
            TempDirectory = temp,
            PartQueueUrl = partQueue,
            Specs = specs,
        };
    }

    private static SpecSet LoadSpecs(string? value, List<string> problems)
    {
        try
        {
            return SpecSource.Load(value);
        }
        catch (SpecException ex)
        {
            problems.AddRange(ex.Errors.Select(e => $"{SpecVariable}: {e}"));
            return SpecSet.Empty;
        }
    }

    private static string? Required(Func<string, string?> getVariable, string name, string hint, List<string> problems)
    {
        var value = getVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is not set ({hint}).");
            return null;
        }

        return value.Trim();
    }

    private static (string Host, string Path) ParseUri(Func<string, string?> getVariable, string name, string scheme, string hint, List<string> problems)
    {
        var value = Required(getVariable, name, hint, problems);
        if (value is null)
        {
            return (string.Empty, string.Empty);
        }

        var expected = scheme + "://";
        var rest = value.StartsWith(expected, StringComparison.OrdinalIgnoreCase) ? value[expected.Length..] : null;
        var slash = rest?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var host = rest is null ? string.Empty : slash < 0 ? rest : rest[..slash];
        if (host.Length == 0)
        {
            problems.Add($"{name} must look like {hint}, found '{value}'.");
            return (string.Empty, string.Empty);
        }

        return (host, slash < 0 ? string.Empty : rest![(slash + 1)..].Trim('/'));
    }

    private static Uri? Endpoint(Func<string, string?> getVariable, string name, List<string> problems)
    {
        var value = getVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        problems.Add($"{name} must be an absolute http(s) URL, found '{value}'.");
        return null;
    }
}
