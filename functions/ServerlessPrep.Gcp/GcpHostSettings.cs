using System.Globalization;

namespace ServerlessPrep.Gcp;

/// <summary>
/// The host's configuration from environment variables, validated with every error reported together:
/// <c>SERVERLESSPREP_LAKE</c> and <c>SERVERLESSPREP_OUTPUT</c> (<c>gs://bucket[/prefix]</c>), <c>SERVERLESSPREP_KV</c>
/// (<c>gs://bucket/prefix</c>: one object per item, generations as version tokens), <c>PORT</c> (Cloud Run; default 8080).
/// <c>STORAGE_EMULATOR_HOST</c> points the GCS client at an emulator without credentials.
/// </summary>
internal sealed record GcpHostSettings(LakeScope Lake, string OutputBucket, string OutputPrefix, string KvBucket, string KvPrefix, int Port)
{
    public const string LakeVariable = "SERVERLESSPREP_LAKE";
    public const string OutputVariable = "SERVERLESSPREP_OUTPUT";
    public const string KvVariable = "SERVERLESSPREP_KV";
    public const string PortVariable = "PORT";

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

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid ServerlessPrep GCP host configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return new GcpHostSettings(new LakeScope(lakeBucket, lakePrefix), outputBucket, outputPrefix, kvBucket, kvPrefix, port);
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
