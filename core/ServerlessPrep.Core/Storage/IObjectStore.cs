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

    /// <summary>
    /// Opens the object only as the version <paramref name="version"/> describes (from <see cref="GetInfoAsync"/> or a listing), so that every
    /// pass over an object reads the same bytes. Throws <see cref="ObjectChangedException"/> when the object was replaced or deleted since;
    /// a replacement while the stream is being read must either not affect it (a pinned handle, If-Match ranged GETs) or fail it with an exception.
    /// The default implementation checks the version after opening; a store that can pin the opened stream itself should override it.
    /// </summary>
    async ValueTask<Stream> OpenReadAsync(ObjectInfo version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        Stream stream;
        try
        {
            stream = await OpenReadAsync(version.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new ObjectChangedException(version, null, e);
        }

        var current = await GetInfoAsync(version.Key, cancellationToken).ConfigureAwait(false);
        if (current is null || !current.IsSameVersionAs(version))
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new ObjectChangedException(version, current);
        }

        return stream;
    }

    /// <summary>Writes (or overwrites) an object from a stream positioned at its start. Readers see the old object or the new one, never a part.</summary>
    ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Writes an object only if no object exists at the key. Returns <c>false</c> when one already does.</summary>
    ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; deleting a missing object is not an error.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Lists objects whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
