using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>Responses shaped as the Cloud Storage JSON API writes them.</summary>
internal static class FakeGcsResponses
{
    public static HttpResponseMessage Resource(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    public static HttpResponseMessage NoSuchObject(string bucket, string name)
        => Error(HttpStatusCode.NotFound, "notFound", $"No such object: {bucket}/{name}");

    public static HttpResponseMessage Error(HttpStatusCode status, string reason, string message)
    {
        var response = Resource(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", (int)status);
            w.WriteString("message", message);
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("domain", "global");
            w.WriteString("reason", reason);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
        response.StatusCode = status;
        return response;
    }

    /// <summary>Media download: 200 with the whole object, or 206 for a <c>Range: bytes=a-b</c> request.</summary>
    public static HttpResponseMessage Media(FakeGcsObject obj, string? range)
    {
        var (start, end) = (0L, obj.Content.Length - 1L);
        var partial = range is not null && range.StartsWith("bytes=", StringComparison.Ordinal);
        if (partial)
        {
            var parts = range![6..].Split('-');
            start = long.Parse(parts[0], CultureInfo.InvariantCulture);
            end = parts[1].Length == 0 ? end : Math.Min(end, long.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        var content = new ByteArrayContent(obj.Content, (int)start, (int)Math.Max(0, end - start + 1));
        content.Headers.ContentType = new MediaTypeHeaderValue(obj.ContentType);
        var response = new HttpResponseMessage(partial ? HttpStatusCode.PartialContent : HttpStatusCode.OK) { Content = content };
        if (partial)
        {
            content.Headers.ContentRange = new ContentRangeHeaderValue(start, end, obj.Content.Length);
        }

        response.Headers.TryAddWithoutValidation("x-goog-generation", obj.Generation.ToString(CultureInfo.InvariantCulture));
        return response;
    }
}
