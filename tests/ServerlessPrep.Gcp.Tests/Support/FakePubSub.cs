using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>
/// The Pub/Sub REST API's <c>topics.publish</c> (there is no Pub/Sub emulator here): <c>POST /v1/projects/{p}/topics/{t}:publish</c>
/// with <c>{"messages": [{"data": base64, "attributes": {…}}]}</c>, at most 1,000 messages, each with data or attributes;
/// answers <c>{"messageIds": […]}</c> in order, or a Google error body (<c>{"error": {"code", "message", "status"}}</c>) for an
/// unknown topic (404) or a bad request (400). <see cref="FailNext"/> injects 503s. Published messages wait in
/// <see cref="Published"/> until a test delivers them.
/// </summary>
internal sealed class FakePubSub : HttpMessageHandler
{
    public const int MaxMessagesPerRequest = 1_000;
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private long _nextId = 4_000_000_000_000_000;
    private int _failNext;

    public FakePubSub(params string[] topics) => _topics.UnionWith(topics);

    public ConcurrentQueue<PublishedMessage> Published { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The next <paramref name="count"/> publish requests fail with 503 UNAVAILABLE (a retryable error).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath);
        if (request.Method != HttpMethod.Post || !path.StartsWith("/v1/", StringComparison.Ordinal) || !path.EndsWith(":publish", StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.NotFound, "NOT_FOUND", $"No handler for {request.Method} {path}.");
        }

        var topic = path["/v1/".Length..^":publish".Length];
        if (!_topics.Contains(topic))
        {
            return Error(HttpStatusCode.NotFound, "NOT_FOUND", $"Resource not found (resource={topic.Split('/')[^1]}).");
        }

        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Error(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE", "The service was unable to fulfill your request. Please try again.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return Error(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", $"Invalid JSON payload received. {e.Message}");
        }

        if (root?["messages"] is not JsonArray messages || messages.Count == 0)
        {
            return Error(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "The value for message_count is too small. You passed 0 in the request, but the minimum value is 1.");
        }

        if (messages.Count > MaxMessagesPerRequest)
        {
            return Error(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", $"The value for message_count is too large. You passed {messages.Count} in the request, but the maximum value is {MaxMessagesPerRequest}.");
        }

        var accepted = new List<PublishedMessage>();
        foreach (var message in messages)
        {
            var data = message?["data"]?.GetValue<string>();
            var attributes = (message?["attributes"] as JsonObject)?.ToDictionary(a => a.Key, a => a.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];
            byte[] bytes;
            try
            {
                bytes = data is null ? [] : Convert.FromBase64String(data);
            }
            catch (FormatException)
            {
                return Error(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "Invalid value at 'messages[0].data' (TYPE_BYTES), Base64 decoding failed.");
            }

            if (bytes.Length == 0 && attributes.Count == 0)
            {
                return Error(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "Some messages are empty: each message must contain non-empty data, or at least one attribute.");
            }

            var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
            accepted.Add(new PublishedMessage(topic, id, bytes, attributes, DateTimeOffset.UtcNow));
        }

        foreach (var message in accepted)
        {
            Published.Enqueue(message);
        }

        var ids = new JsonArray(accepted.Select(m => (JsonNode?)m.MessageId).ToArray());
        return Json(HttpStatusCode.OK, new JsonObject { ["messageIds"] = ids });
    }

    private static HttpResponseMessage Error(HttpStatusCode code, string status, string message)
        => Json(code, new JsonObject { ["error"] = new JsonObject { ["code"] = (int)code, ["message"] = message, ["status"] = status } });

    private static HttpResponseMessage Json(HttpStatusCode code, JsonObject body)
        => new(code) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}

/// <summary>A message as Pub/Sub stores it, and the CloudEvent data (MessagePublishedData) Eventarc delivers for it.</summary>
internal sealed record PublishedMessage(string Topic, string MessageId, byte[] Data, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset PublishTime)
{
    public string MessagePublishedData(string subscription)
    {
        var time = PublishTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var message = new JsonObject
        {
            ["attributes"] = new JsonObject(Attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            ["messageId"] = MessageId,
            ["message_id"] = MessageId,
            ["publishTime"] = time,
            ["publish_time"] = time,
        };
        if (Data.Length > 0)
        {
            message["data"] = Convert.ToBase64String(Data);
        }

        return new JsonObject { ["message"] = message, ["subscription"] = subscription }.ToJsonString();
    }
}
