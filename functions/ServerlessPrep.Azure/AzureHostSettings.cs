using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Azure;

/// <summary>
/// The host's configuration, read once from environment variables and validated with every error reported together.
/// <list type="bullet">
/// <item><c>SERVERLESSPREP_LAKE</c>: <c>azblob://container[/prefix]</c> the events come from.</item>
/// <item><c>SERVERLESSPREP_OUTPUT</c>: <c>azblob://container[/prefix]</c> the outputs go to.</item>
/// <item><c>SERVERLESSPREP_KV</c>: <c>aztable://table</c>.</item>
/// <item><c>SERVERLESSPREP_STORAGE_CONNECTION</c>: name of the connection setting (default <c>AzureWebJobsStorage</c>):
/// either a connection string under that name, or identity-based <c>{name}__blobServiceUri</c>, <c>{name}__tableServiceUri</c>
/// and optionally <c>{name}__clientId</c> (user-assigned managed identity).</item>
/// <item><c>SERVERLESSPREP_SPEC</c>: the dataset spec, inline YAML or a file path (<see cref="SpecSource"/>); empty: every dataset inferred.</item>
/// <item><c>SERVERLESSPREP_TEMP_DIR</c>: absolute path of a writable folder for staged outputs (default: the system temp folder).</item>
/// </list>
/// </summary>
internal sealed record AzureHostSettings(
    string LakeContainer,
    string LakePrefix,
    string OutputContainer,
    string OutputPrefix,
    string Table,
    string ConnectionName)
{
    /// <summary>The dataset specs; a spec with problems fails start-up with every problem listed.</summary>
    public SpecSet Specs { get; init; } = SpecSet.Empty;

    /// <summary>Where the processor stages outputs before uploading them.</summary>
    public string TempDirectory { get; init; } = Path.GetTempPath();

    public const string LakeVariable = "SERVERLESSPREP_LAKE";
    public const string OutputVariable = "SERVERLESSPREP_OUTPUT";
    public const string KvVariable = "SERVERLESSPREP_KV";
    public const string ConnectionVariable = "SERVERLESSPREP_STORAGE_CONNECTION";
    public const string DefaultConnectionName = "AzureWebJobsStorage";
    public const string TempDirectoryVariable = "SERVERLESSPREP_TEMP_DIR";

    public static AzureHostSettings FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var errors = new List<string>();
        var lake = getVariable(LakeVariable);
        if (!AzureStorageUri.TryParseBlob(lake, out var lakeContainer, out var lakePrefix))
        {
            errors.Add($"{LakeVariable} must be azblob://container[/prefix], got '{lake}'.");
        }

        var output = getVariable(OutputVariable);
        if (!AzureStorageUri.TryParseBlob(output, out var outputContainer, out var outputPrefix))
        {
            errors.Add($"{OutputVariable} must be azblob://container[/prefix], got '{output}'.");
        }

        var kv = getVariable(KvVariable);
        if (!AzureStorageUri.TryParseTable(kv, out var table))
        {
            errors.Add($"{KvVariable} must be aztable://table (3-63 letters or digits, starting with a letter), got '{kv}'.");
        }

        var connection = getVariable(ConnectionVariable);
        connection = string.IsNullOrWhiteSpace(connection) ? DefaultConnectionName : connection;
        if (string.IsNullOrEmpty(getVariable(connection)) && string.IsNullOrEmpty(getVariable(connection + "__blobServiceUri")))
        {
            errors.Add($"Connection '{connection}': set {connection} to a connection string, or {connection}__blobServiceUri and {connection}__tableServiceUri.");
        }

        var specs = LoadSpecs(getVariable(SpecSource.EnvironmentVariable), errors);
        var temp = getVariable(TempDirectoryVariable) is { Length: > 0 } t ? t : Path.GetTempPath();
        if (!Path.IsPathFullyQualified(temp))
        {
            errors.Add($"{TempDirectoryVariable} must be an absolute path, got '{temp}'.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid ServerlessPrep Azure host configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return new AzureHostSettings(lakeContainer, lakePrefix, outputContainer, outputPrefix, table, connection) { Specs = specs!, TempDirectory = temp };
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
}
