using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace ServerlessPrep.Azure;

/// <summary>Builds the storage clients from a connection string, or from service URIs and a managed identity.</summary>
internal sealed class AzureClients
{
    private AzureClients(BlobServiceClient blobs, TableServiceClient tables)
    {
        Blobs = blobs;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public static AzureClients Create(string connectionName, Func<string, string?> getVariable)
    {
        var connectionString = getVariable(connectionName);
        if (!string.IsNullOrEmpty(connectionString))
        {
            return new AzureClients(new BlobServiceClient(connectionString), new TableServiceClient(connectionString));
        }

        var blobUri = getVariable(connectionName + "__blobServiceUri")
            ?? throw new InvalidOperationException($"Neither {connectionName} nor {connectionName}__blobServiceUri is set.");
        var tableUri = getVariable(connectionName + "__tableServiceUri")
            ?? throw new InvalidOperationException($"{connectionName}__tableServiceUri is not set.");
        var clientId = getVariable(connectionName + "__clientId");
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new AzureClients(new BlobServiceClient(new Uri(blobUri), credential), new TableServiceClient(new Uri(tableUri), credential));
    }
}
