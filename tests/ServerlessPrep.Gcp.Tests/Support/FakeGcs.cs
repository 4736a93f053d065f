using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>
/// An in-memory Cloud Storage JSON API (there is no GCS emulator here): objects get/list/delete, media download with
/// <c>Range</c> and <c>generation</c>, resumable upload with <c>ifGenerationMatch</c> checked when the upload completes,
/// error bodies as the JSON API writes them. Records every request. Only the latest generation is kept.
/// </summary>
internal sealed partial class FakeGcs : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, string), FakeGcsObject> _objects = [];
    private readonly ConcurrentDictionary<string, FakeGcsUpload> _uploads = new();
    private long _generation = 1764063660000000;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public FakeGcsObject? Find(string bucket, string name)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault((bucket, name));
        }
    }

    /// <summary>A snapshot of the objects of <paramref name="bucket"/> whose names start with <paramref name="prefix"/>, by name.</summary>
    public IReadOnlyList<FakeGcsObject> Objects(string bucket, string prefix)
    {
        lock (_gate)
        {
            return _objects.Values.Where(o => o.Bucket == bucket && o.Name.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        if (headers.TryGetValue("Content-Encoding", out var encoding) && encoding.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancellationToken);
            body = plain.ToArray();
        }

        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body);
        Requests.Enqueue(recorded);
        var match = Route().Match(request.RequestUri!.AbsolutePath);
        if (!match.Success)
        {
            // Not 404: a path the fake does not know must fail loudly, not read as "no such object".
            return FakeGcsResponses.Error(HttpStatusCode.NotImplemented, "notImplemented", "No such API path " + request.RequestUri.AbsolutePath);
        }

        var (kind, bucket) = (match.Groups[1].Value, match.Groups[2].Value);
        var name = match.Groups[3].Success ? Uri.UnescapeDataString(match.Groups[3].Value) : null;
        return (request.Method.Method, kind, name) switch
        {
            ("POST", "upload/", null) => StartUpload(recorded, bucket),
            ("PUT", "upload/", null) => ContinueUpload(recorded),
            ("GET", _, null) => List(bucket, recorded.Query("prefix") ?? string.Empty),
            ("GET", _, not null) when recorded.Query("alt") == "media" => Download(recorded, bucket, name),
            ("GET", _, not null) => Get(bucket, name),
            ("DELETE", _, not null) => Delete(bucket, name),
            _ => FakeGcsResponses.Error(HttpStatusCode.MethodNotAllowed, "methodNotAllowed", request.Method.Method),
        };
    }

    /// <summary>JSON API paths; with STORAGE_EMULATOR_HOST the .NET client drops the <c>storage/v1/</c> part of metadata requests.</summary>
    [GeneratedRegex("^/(upload/|download/)?(?:storage/v1/)?b/([^/]+)/o(?:/(.+))?$")]
    private static partial Regex Route();

    private HttpResponseMessage StartUpload(RecordedRequest request, string bucket)
    {
        using var metadata = JsonDocument.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body);
        var root = metadata.RootElement;
        var name = request.Query("name") ?? root.GetProperty("name").GetString()!;
        var meta = root.TryGetProperty("metadata", out var m) ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : null;
        var contentType = root.TryGetProperty("contentType", out var ct) ? ct.GetString()! : "application/octet-stream";
        var id = Guid.NewGuid().ToString("N");
        _uploads[id] = new FakeGcsUpload(bucket, name, contentType, meta, request.Query("ifGenerationMatch"));
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Location = new Uri($"{request.Uri.GetLeftPart(UriPartial.Authority)}/upload/storage/v1/b/{bucket}/o?uploadType=resumable&upload_id={id}");
        return response;
    }

    private HttpResponseMessage ContinueUpload(RecordedRequest request)
    {
        if (!_uploads.TryGetValue(request.Query("upload_id") ?? string.Empty, out var upload))
        {
            return FakeGcsResponses.Error(HttpStatusCode.NotFound, "notFound", "No such upload session");
        }

        upload.Content.Write(request.Body);
        var range = request.Headers.GetValueOrDefault("Content-Range") ?? string.Empty;
        var total = range.Contains('/', StringComparison.Ordinal) ? range[(range.LastIndexOf('/') + 1)..] : upload.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (total == "*" || long.Parse(total, System.Globalization.CultureInfo.InvariantCulture) > upload.Content.Length)
        {
            var incomplete = new HttpResponseMessage((HttpStatusCode)308);
            incomplete.Headers.TryAddWithoutValidation("Range", $"bytes=0-{upload.Content.Length - 1}");
            return incomplete;
        }

        _uploads.TryRemove(request.Query("upload_id")!, out _);
        lock (_gate)
        {
            var existing = _objects.GetValueOrDefault((upload.Bucket, upload.Name));
            if (upload.IfGenerationMatch is { } expected && expected != (existing?.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"))
            {
                return FakeGcsResponses.Error(HttpStatusCode.PreconditionFailed, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
            }

            var stored = new FakeGcsObject(upload.Bucket, upload.Name, upload.Content.ToArray(), ++_generation, upload.ContentType, upload.Metadata, DateTimeOffset.UtcNow);
            _objects[(upload.Bucket, upload.Name)] = stored;
            return FakeGcsResponses.Resource(stored.WriteResource);
        }
    }

    private HttpResponseMessage Get(string bucket, string name)
        => Find(bucket, name) is { } obj ? FakeGcsResponses.Resource(obj.WriteResource) : FakeGcsResponses.NoSuchObject(bucket, name);

    private HttpResponseMessage Delete(string bucket, string name)
    {
        lock (_gate)
        {
            return _objects.Remove((bucket, name)) ? new HttpResponseMessage(HttpStatusCode.NoContent) : FakeGcsResponses.NoSuchObject(bucket, name);
        }
    }

    private HttpResponseMessage Download(RecordedRequest request, string bucket, string name)
    {
        var obj = Find(bucket, name);
        var generation = request.Query("generation");
        if (obj is null || (generation is not null && generation != obj.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            return FakeGcsResponses.NoSuchObject(bucket, name);
        }

        return FakeGcsResponses.Media(obj, request.Headers.GetValueOrDefault("Range"));
    }

    private HttpResponseMessage List(string bucket, string prefix)
    {
        var items = Objects(bucket, prefix);
        return FakeGcsResponses.Resource(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "storage#objects");
            w.WriteStartArray("items");
            foreach (var o in items)
            {
                o.WriteResource(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
