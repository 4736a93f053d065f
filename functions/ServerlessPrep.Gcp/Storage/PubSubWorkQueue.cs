using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Gcp.Storage;

/// <summary>
/// The GCP deployment's work queue: a Pub/Sub topic whose Eventarc trigger delivers each message to the Cloud Run service as a
/// <c>google.cloud.pubsub.topic.v1.messagePublished</c> CloudEvent. Each message is a Cloud Storage notification
/// (<c>OBJECT_FINALIZE</c>, <c>JSON_API_V1</c>: the object resource as data), exactly what a bucket notification would publish,
/// so the service parses it with <see cref="PubSubMessageParser"/>; a large object's part adds its descriptor to the resource. Published with the REST API's <c>topics.publish</c>
/// (Google.Cloud.PubSub.V1 is not served here, and one POST per 1,000 messages needs no gRPC client).
/// </summary>
public sealed class PubSubWorkQueue : IWorkQueue
{
    /// <summary>Pub/Sub takes at most 1,000 messages (and 10 MB) per publish request.</summary>
    public const int BatchLimit = 1_000;

    private const int MaxSendAttempts = 4;
    private readonly HttpClient _http;
    private readonly Uri _publishUri;
    private readonly LakeScope _lake;
    private readonly Func<CancellationToken, ValueTask<string?>> _accessToken;

    /// <param name="http">The client to publish with.</param>
    /// <param name="endpoint">https://pubsub.googleapis.com/, or http://$PUBSUB_EMULATOR_HOST/.</param>
    /// <param name="topic">projects/{project}/topics/{topic}.</param>
    /// <param name="lake">The deployment's lake bucket and prefix: message object names are the prefix plus the lake key.</param>
    /// <param name="accessToken">An OAuth access token for each request, or null for none (an emulator).</param>
    public PubSubWorkQueue(HttpClient http, Uri endpoint, string topic, LakeScope lake, Func<CancellationToken, ValueTask<string?>> accessToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(accessToken);
        if (!IsTopicName(topic))
        {
            throw new ArgumentException($"'{topic}' is not a topic name: expected projects/<project>/topics/<topic>.", nameof(topic));
        }

        _http = http;
        _publishUri = new Uri(endpoint, $"v1/{topic}:publish");
        _lake = lake;
        _accessToken = accessToken;
        Uri = $"pubsub://{topic}";
    }

    public string Uri { get; }

    /// <summary>True for <c>projects/{project}/topics/{topic}</c> with non-empty, slash-free parts.</summary>
    public static bool IsTopicName(string? topic)
    {
        var parts = topic?.Split('/');
        return parts is { Length: 4 } && parts[0] == "projects" && parts[2] == "topics" && parts[1].Length > 0 && parts[3].Length > 0;
    }

    public ObjectCreated AsDelivered(ObjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var parsed = PubSubMessageParser.Parse(PubSubMessageParser.MessagePublishedType, "backfill", null, Envelope(created));
        var delivered = parsed.Created ?? throw new InvalidOperationException($"The backfill message for '{created.Key}' did not parse as an object creation: {parsed.Reason}");
        var key = _lake.KeyOf(delivered.Store, delivered.Key) ?? throw new InvalidOperationException($"The backfill message for '{created.Key}' names an object outside the lake.");
        return delivered with { Key = key };
    }

    public async ValueTask EnqueueAsync(IReadOnlyList<ObjectCreated> objects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var chunk in objects.Chunk(BatchLimit))
        {
            var body = PublishRequest(chunk);
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _publishUri) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                if (await _accessToken(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException) when (attempt < MaxSendAttempts)
                {
                    await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                using (response)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        await CheckPublishedAsync(response, chunk.Length, cancellationToken).ConfigureAwait(false);
                        break;
                    }

                    var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
                    if (!retryable || attempt >= MaxSendAttempts)
                    {
                        var error = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                        throw new InvalidOperationException(
                            $"Pub/Sub refused {chunk.Length} backfill message(s) on {Uri} (first '{chunk[0].Key}'): {(int)response.StatusCode} {response.ReasonPhrase} {Shorten(error)}");
                    }
                }

                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The message's attributes and data: a Cloud Storage <c>OBJECT_FINALIZE</c> notification in <c>JSON_API_V1</c> format.</summary>
    public (IReadOnlyDictionary<string, string> Attributes, byte[] Data) Encode(ObjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var name = _lake.NormalizedPrefix + GcsObjectKeys.Validate(created.Key);
        var time = created.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["bucketId"] = _lake.Bucket,
            ["eventTime"] = time,
            ["eventType"] = PubSubMessageParser.ObjectFinalize,
            ["objectId"] = name,
            ["payloadFormat"] = PubSubMessageParser.JsonApiV1,
            ["serverlessprepBackfill"] = "true",
        };
        if (created.Version is { Length: > 0 } generation)
        {
            attributes["objectGeneration"] = generation;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", "storage#object");
            w.WriteString("bucket", _lake.Bucket);
            w.WriteString("name", name);
            if (created.Version is { Length: > 0 } version)
            {
                w.WriteString("generation", version);
            }

            w.WriteString("size", created.Size.ToString(CultureInfo.InvariantCulture));
            if (created.ETag is { Length: > 0 } etag)
            {
                w.WriteString("etag", etag);
            }

            w.WriteString("updated", time);
            if (created.Part is { } part)
            {
                ObjectPartJson.Write(w, part);
            }

            w.WriteEndObject();
        }

        return (attributes, buffer.ToArray());
    }

    private byte[] PublishRequest(IEnumerable<ObjectCreated> objects)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("messages");
            foreach (var created in objects)
            {
                var (attributes, data) = Encode(created);
                WriteMessage(w, attributes, data);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>MessagePublishedData</c> Eventarc would deliver for this object's message (for <see cref="AsDelivered"/>).</summary>
    private byte[] Envelope(ObjectCreated created)
    {
        var (attributes, data) = Encode(created);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WritePropertyName("message");
            WriteMessage(w, attributes, data);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter w, IReadOnlyDictionary<string, string> attributes, byte[] data)
    {
        w.WriteStartObject();
        w.WriteBase64String("data", data);
        w.WriteStartObject("attributes");
        foreach (var (name, value) in attributes)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static async Task CheckPublishedAsync(HttpResponseMessage response, int sent, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("messageIds", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() == sent)
            {
                return;
            }
        }
        catch (JsonException)
        {
        }

        throw new InvalidOperationException($"Pub/Sub answered a publish of {sent} message(s) without {sent} message ids: {Shorten(Encoding.UTF8.GetString(body))}");
    }

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken)
        => Task.Delay(TimeSpan.FromMilliseconds((100 << attempt) + Random.Shared.Next(100)), cancellationToken);

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
