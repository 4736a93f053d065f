namespace ServerlessPrep.Core.Storage;

/// <summary>
/// Port to a blob/object store (local folder, S3 bucket, Azure container, GCS bucket), scoped to one root or prefix.
/// Keys are '/'-separated and relative to that root; implementations must refuse keys that would escape it.
/// </summary>
public interface IObjectStore
{
    /// <summary>A display URI such as <c>file:///lake</c>, <c>s3://bucket/prefix</c>.</summary>
    string Uri { get; }

    /// <summary>Metadata, or <c>null</c> when the object does not exist.</summary>
    ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the object for reading. The stream is seekable (ranged reads on cloud stores) so that Parquet footers and row groups
    /// can be read without downloading the whole object. Throws <see cref="FileNotFoundException"/> when it does not exist.
    /// </summary>
    ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes (or overwrites) an object from a stream positioned at its start. Readers see the old object or the new one, never a part.</summary>
    ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Writes an object only if no object exists at the key. Returns <c>false</c> when one already does.</summary>
    ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; deleting a missing object is not an error.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Lists objects whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
