using System.Text.Json;
using Azure.Storage.Blobs;

namespace ServerlessPrep.Azure.Tests.Support;

/// <summary>
/// Builds Microsoft.Storage.BlobCreated deliveries in the published Event Grid and CloudEvents 1.0 schemas for a blob
/// that really exists in azurite (azurite has no Event Grid).
/// </summary>
internal static class BlobCreatedEvents
{
    public static async Task<string> ForBlobAsync(BlobClient blob, string sequencer, bool cloudEventsSchema = false)
    {
        var properties = (await blob.GetPropertiesAsync()).Value;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            if (!cloudEventsSchema)
            {
                w.WriteStartArray();
            }

            w.WriteStartObject();
            w.WriteString(cloudEventsSchema ? "source" : "topic", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/test/providers/Microsoft.Storage/storageAccounts/devstoreaccount1");
            w.WriteString("subject", $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.Name}");
            w.WriteString(cloudEventsSchema ? "type" : "eventType", "Microsoft.Storage.BlobCreated");
            w.WriteString(cloudEventsSchema ? "time" : "eventTime", properties.LastModified.UtcDateTime.ToString("O"));
            w.WriteString("id", Guid.NewGuid().ToString());
            w.WriteStartObject("data");
            w.WriteString("api", "PutBlob");
            w.WriteString("eTag", properties.ETag.ToString());
            w.WriteString("contentType", properties.ContentType);
            w.WriteNumber("contentLength", properties.ContentLength);
            w.WriteString("blobType", "BlockBlob");
            w.WriteString("url", blob.Uri.AbsoluteUri);
            w.WriteString("sequencer", sequencer);
            w.WriteEndObject();
            if (cloudEventsSchema)
            {
                w.WriteString("specversion", "1.0");
            }
            else
            {
                w.WriteString("dataVersion", string.Empty);
                w.WriteString("metadataVersion", "1");
            }

            w.WriteEndObject();
            if (!cloudEventsSchema)
            {
                w.WriteEndArray();
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
