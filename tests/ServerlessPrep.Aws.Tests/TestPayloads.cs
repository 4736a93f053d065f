using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessPrep.Aws.Tests;

/// <summary>Documented sample payloads (TestData) and builders for SQS batches around them.</summary>
internal static class TestPayloads
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>An SQS event whose records carry <paramref name="bodies"/> with message ids m0, m1, ...</summary>
    public static string SqsBatch(params string[] bodies)
    {
        var records = new JsonArray();
        for (var i = 0; i < bodies.Length; i++)
        {
            records.Add(new JsonObject
            {
                ["messageId"] = $"m{i}",
                ["receiptHandle"] = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
                ["body"] = bodies[i],
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1", ["SentTimestamp"] = "1545082649183" },
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-2:123456789012:my-queue",
                ["awsRegion"] = "us-east-2",
            });
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }

    /// <summary>The documented S3 put sample with its key and event name replaced.</summary>
    public static string S3Event(string encodedKey, string eventName = "ObjectCreated:Put", string bucket = "lake")
    {
        var node = JsonNode.Parse(Read("s3-put.json"))!;
        var record = node["Records"]![0]!;
        record["eventName"] = eventName;
        record["s3"]!["bucket"]!["name"] = bucket;
        record["s3"]!["object"]!["key"] = encodedKey;
        return node.ToJsonString();
    }
}
