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
    public const string LakeVariable = "SERVERLESSPREP_LAKE";
    public const string OutputVariable = "SERVERLESSPREP_OUTPUT";
    public const string KvVariable = "SERVERLESSPREP_KV";
    public const string ConnectionVariable = "SERVERLESSPREP_STORAGE_CONNECTION";
    public const string DefaultConnectionName = "AzureWebJobsStorage";

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

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid ServerlessPrep Azure host configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return new AzureHostSettings(lakeContainer, lakePrefix, outputContainer, outputPrefix, table, connection);
    }
}
