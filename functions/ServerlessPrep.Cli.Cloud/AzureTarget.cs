using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessPrep.Azure.Storage;

namespace ServerlessPrep.Cli.Cloud;

/// <summary>
/// <c>az://account/container[/path]</c> with <c>--queue azqueue://account/queue</c> and <c>--kv aztable://[account/]table</c>.
/// Credentials: <c>AZURE_STORAGE_CONNECTION_STRING</c> when set (it must be for the URIs' account; azurite works this way),
/// otherwise <see cref="DefaultAzureCredential"/> (Azure CLI login, environment, managed identity) on the public endpoints.
/// </summary>
internal static class AzureTarget
{
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";
    private const string QueueScheme = "azqueue://";
    private const string TableScheme = "aztable://";

    public static CloudBackfillTarget Open(string lakeUri, string queueUri, string kvUri, string? root, Func<string, string?> getVariable)
    {
        var lake = Segments(lakeUri, CloudBackfillTarget.AzureLakeScheme, "az://account/container[/prefix]", minimum: 2);
        var (account, container) = (lake[0], lake[1]);
        Check(IsContainerName(container), $"'{lakeUri}': '{container}' is not a container name (3-63 lowercase letters, digits and '-').");
        var path = string.Join('/', lake.Skip(2));
        if (lakeUri.EndsWith('/') && path.Length > 0)
        {
            path += "/";
        }

        var lakePrefix = (root ?? string.Empty).Trim('/');
        lakePrefix = lakePrefix.Length == 0 ? string.Empty : lakePrefix + "/";
        Check(path.StartsWith(lakePrefix, StringComparison.Ordinal) || path + "/" == lakePrefix,
            $"'{lakeUri}' is not inside the lake root '{lakePrefix}' (--root: the prefix of the deployment's SERVERLESSPREP_LAKE).");
        var listPrefix = path.Length <= lakePrefix.Length ? string.Empty : path[lakePrefix.Length..];

        Check(queueUri.StartsWith(QueueScheme, StringComparison.Ordinal), $"--queue '{queueUri}': an az:// lake is backfilled through an Azure Storage queue, azqueue://account/queue.");
        var queue = Segments(queueUri, QueueScheme, "azqueue://account/queue", minimum: 2, maximum: 2);
        Check(IsContainerName(queue[1]), $"--queue '{queueUri}': '{queue[1]}' is not a queue name (3-63 lowercase letters, digits and '-').");

        Check(kvUri.StartsWith(TableScheme, StringComparison.Ordinal), $"--kv '{kvUri}': an Azure deployment keeps its records in a table, aztable://account/table or aztable://table.");
        var table = Segments(kvUri, TableScheme, "aztable://[account/]table", minimum: 1, maximum: 2);
        var (tableAccount, tableName) = table.Length == 2 ? (table[0], table[1]) : (account, table[0]);
        Check(tableName.Length is >= 3 and <= 63 && char.IsAsciiLetter(tableName[0]) && tableName.All(char.IsAsciiLetterOrDigit),
            $"--kv '{kvUri}': '{tableName}' is not a table name (3-63 letters or digits, starting with a letter).");

        var connectionString = getVariable(ConnectionStringVariable);
        BlobContainerClient lakeContainer;
        QueueClient queueClient;
        TableClient tableClient;
        if (!string.IsNullOrEmpty(connectionString))
        {
            var blobs = new BlobServiceClient(connectionString);
            foreach (var (what, named) in new[] { ("lake", account), ("queue", queue[0]), ("table", tableAccount) })
            {
                Check(string.Equals(named, blobs.AccountName, StringComparison.Ordinal),
                    $"The {what} URI names storage account '{named}' but {ConnectionStringVariable} is for '{blobs.AccountName}'.");
            }

            lakeContainer = blobs.GetBlobContainerClient(container);
            queueClient = new QueueServiceClient(connectionString, StorageQueueWorkQueue.ClientOptions()).GetQueueClient(queue[1]);
            tableClient = new TableServiceClient(connectionString).GetTableClient(tableName);
        }
        else
        {
            TokenCredential credential = new DefaultAzureCredential();
            lakeContainer = new BlobContainerClient(new Uri($"https://{account}.blob.core.windows.net/{container}"), credential);
            queueClient = new QueueClient(new Uri($"https://{queue[0]}.queue.core.windows.net/{queue[1]}"), credential, StorageQueueWorkQueue.ClientOptions());
            tableClient = new TableClient(new Uri($"https://{tableAccount}.table.core.windows.net"), tableName, credential);
        }

        return new CloudBackfillTarget(
            new BlobObjectStore(lakeContainer, lakePrefix),
            listPrefix,
            new StorageQueueWorkQueue(queueClient, lakeContainer, lakePrefix),
            new TableKeyValueStore(tableClient, TimeProvider.System));
    }

    private static string[] Segments(string uri, string scheme, string expected, int minimum, int maximum = int.MaxValue)
    {
        if (!uri.StartsWith(scheme, StringComparison.Ordinal))
        {
            throw new CloudBackfillException($"'{uri}': expected {expected}.");
        }

        var segments = uri[scheme.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        Check(segments.Length >= minimum && segments.Length <= maximum, $"'{uri}': expected {expected}.");
        Check(IsAccountName(segments[0]) || segments.Length < minimum, $"'{uri}': '{segments[0]}' is not a storage account name (3-24 lowercase letters and digits).");
        return segments;
    }

    private static bool IsAccountName(string name) => name.Length is >= 3 and <= 24 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    private static bool IsContainerName(string name)
        => name.Length is >= 3 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new CloudBackfillException(message);
        }
    }
}
