using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>CloudEvents as Eventarc sends them over HTTP: binary mode (ce-* headers) and structured mode.</summary>
internal static class CloudEventRequests
{
    public const string Finalized = "google.cloud.storage.object.v1.finalized";

    public static string Data(string bucket, string name, long size = 5, long generation = 1764063660123456)
        => new JsonObject
        {
            ["kind"] = "storage#object",
            ["bucket"] = bucket,
            ["name"] = name,
            ["generation"] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["metageneration"] = "1",
            ["size"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["etag"] = "CMDk2dO2+YkDEAE=",
            ["timeCreated"] = "2026-11-25T09:41:00.123Z",
            ["updated"] = "2026-11-25T09:41:00.123Z",
        }.ToJsonString();

    public static HttpRequestMessage Binary(string data, string type = Finalized, string? id = "evt-1", string? subject = "objects/x", string source = "//storage.googleapis.com/projects/_/buckets/prep-lake")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(data, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-type", type);
        request.Headers.Add("ce-source", source);
        if (subject is not null)
        {
            request.Headers.Add("ce-subject", Uri.EscapeDataString(subject));
        }

        request.Headers.Add("ce-time", "2026-11-25T09:41:00.123456Z");
        if (id is not null)
        {
            request.Headers.Add("ce-id", id);
        }

        return request;
    }

    public static HttpRequestMessage Structured(string json, string contentType = "application/cloudevents+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return request;
    }

    public static string StructuredEvent(string data, string type = Finalized)
        => new JsonObject
        {
            ["specversion"] = "1.0",
            ["type"] = type,
            ["source"] = "//storage.googleapis.com/projects/_/buckets/prep-lake",
            ["subject"] = "objects/x",
            ["id"] = "evt-2",
            ["time"] = "2026-11-25T09:41:00.123456Z",
            ["datacontenttype"] = "application/json",
            ["data"] = JsonNode.Parse(data),
        }.ToJsonString();
}
