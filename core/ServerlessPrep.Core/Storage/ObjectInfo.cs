namespace ServerlessPrep.Core.Storage;

/// <summary>What a store knows about one object without reading it.</summary>
public sealed record ObjectInfo(string Key, long Size, string? ETag, DateTimeOffset LastModified, string? Version = null);
