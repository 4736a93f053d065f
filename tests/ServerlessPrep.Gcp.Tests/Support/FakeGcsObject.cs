using System.Globalization;
using System.Text.Json;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>One stored object generation of <see cref="FakeGcs"/>, written as a JSON API <c>storage#object</c> resource.</summary>
internal sealed record FakeGcsObject(string Bucket, string Name, byte[] Content, long Generation, string ContentType, IReadOnlyDictionary<string, string>? Metadata, DateTimeOffset Updated)
{
    public void WriteResource(Utf8JsonWriter w)
    {
        var generation = Generation.ToString(CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteString("kind", "storage#object");
        w.WriteString("id", $"{Bucket}/{Name}/{generation}");
        w.WriteString("name", Name);
        w.WriteString("bucket", Bucket);
        w.WriteString("generation", generation);
        w.WriteString("metageneration", "1");
        w.WriteString("contentType", ContentType);
        w.WriteString("size", Content.Length.ToString(CultureInfo.InvariantCulture));
        w.WriteString("etag", Convert.ToBase64String(BitConverter.GetBytes(Generation)));
        w.WriteString("timeCreated", Updated.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        w.WriteString("updated", Updated.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        if (Metadata is { Count: > 0 })
        {
            w.WriteStartObject("metadata");
            foreach (var (key, value) in Metadata)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
