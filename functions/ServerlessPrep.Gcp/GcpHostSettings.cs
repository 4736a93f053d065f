using System.Globalization;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Gcp;

/// <summary>
/// The host's configuration from environment variables, validated with every error reported together:
/// <c>SERVERLESSPREP_LAKE</c> and <c>SERVERLESSPREP_OUTPUT</c> (<c>gs://bucket[/prefix]</c>), <c>SERVERLESSPREP_KV</c>
/// (<c>gs://bucket/prefix</c>: one object per item, generations as version tokens), <c>PORT</c> (Cloud Run; default 8080).
/// <c>SERVERLESSPREP_SPEC</c>: the dataset spec, inline YAML or a file path (<see cref="SpecSource"/>; empty: every dataset
/// inferred). <c>SERVERLESSPREP_TEMP_DIR</c>: absolute path of a writable folder for staged outputs (default: the system
/// temp folder, in memory on Cloud Run). <c>STORAGE_EMULATOR_HOST</c> points the GCS client at an emulator without credentials.
/// </summary>
internal sealed record GcpHostSettings(LakeScope Lake, string OutputBucket, string OutputPrefix, string KvBucket, string KvPrefix, int Port)
{
    /// <summary>The dataset specs; a spec with problems fails start-up with every problem listed.</summary>
    public SpecSet Specs { get; init; } = SpecSet.Empty;

    /// <summary>Where the processor stages outputs before uploading them.</summary>
    public string TempDirectory { get; init; } = Path.GetTempPath();

    public const string LakeVariable = "SERVERLESSPREP_LAKE";
    public const string OutputVariable = "SERVERLESSPREP_OUTPUT";
    public const string KvVariable = "SERVERLESSPREP_KV";
    public const string PortVariable = "PORT";
    public const string TempDirectoryVariable = "SERVERLESSPREP_TEMP_DIR";
    public const string PartTopicVariable = "SERVERLESSPREP_PART_TOPIC";

    /// <summary>Pub/Sub topic (projects/P/topics/T) for the parts of large objects; null = parts run in the invocation.</summary>
    public string? PartTopic { get; init; }

    public static GcpHostSettings FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var errors = new List<string>();
        var (lakeBucket, lakePrefix) = Parse(getVariable, LakeVariable, errors);
        var (outputBucket, outputPrefix) = Parse(getVariable, OutputVariable, errors);
        var (kvBucket, kvPrefix) = Parse(getVariable, KvVariable, errors);
        var portText = getVariable(PortVariable);
        var port = 8080;
        if (!string.IsNullOrEmpty(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            errors.Add($"{PortVariable} must be a TCP port number, got '{portText}'.");
        }

        var specs = LoadSpecs(getVariable(SpecSource.EnvironmentVariable), errors);
        var temp = getVariable(TempDirectoryVariable) is { Length: > 0 } t ? t : Path.GetTempPath();
        if (!Path.IsPathFullyQualified(temp))
        {
            errors.Add($"{TempDirectoryVariable} must be an absolute path, got '{temp}'.");
        }

        var partTopic = getVariable(PartTopicVariable) is { Length: > 0 } topic ? topic.Trim() : null;
        if (partTopic is not null && !Storage.PubSubWorkQueue.IsTopicName(partTopic))
        {
            errors.Add($"{PartTopicVariable} must be a topic name, projects/<project>/topics/<topic>, got '{partTopic}'.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid ServerlessPrep GCP host configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return new GcpHostSettings(new LakeScope(lakeBucket, lakePrefix), outputBucket, outputPrefix, kvBucket, kvPrefix, port) { Specs = specs!, TempDirectory = temp, PartTopic = partTopic };
    }

    /// <summary>A relative spec path is taken relative to the app's folder (where a bundled spec.yaml lands), not the working directory.</summary>
    private static SpecSet? LoadSpecs(string? value, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(value) && !value.Contains('\n', StringComparison.Ordinal) && !Path.IsPathRooted(value.Trim()))
        {
            value = Path.Combine(AppContext.BaseDirectory, value.Trim());
        }

        try
        {
            return SpecSource.Load(value);
        }
        catch (SpecException ex)
        {
            errors.AddRange(ex.Errors.Select(e => $"{SpecSource.EnvironmentVariable}: {e}"));
            return null;
        }
    }

    private static (string Bucket, string Prefix) Parse(Func<string, string?> getVariable, string name, List<string> errors)
    {
        var value = getVariable(name);
        if (!GcsUri.TryParse(value, out var bucket, out var prefix))
        {
            errors.Add($"{name} must be gs://bucket[/prefix], got '{value}'.");
        }

        return (bucket, prefix);
    }
}
