namespace ServerlessPrep.Gcp.Tests.Support;

internal sealed record FakeGcsUpload(string Bucket, string Name, string ContentType, IReadOnlyDictionary<string, string>? Metadata, string? IfGenerationMatch)
{
    public MemoryStream Content { get; } = new();
}
