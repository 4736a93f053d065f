namespace ServerlessPrep.Core.Events;

/// <summary>Finds the container and blob name of a storage event from <c>data.url</c>, else from the subject.</summary>
internal static class EventGridBlobPath
{
    private const string SubjectPrefix = "/blobServices/default/containers/";
    private const string BlobsSegment = "/blobs/";

    public static (string Container, string Blob) Resolve(string? url, string? subject)
    {
        if (url is not null)
        {
            return FromUrl(url);
        }

        if (subject is not null)
        {
            return FromSubject(subject);
        }

        throw new CloudEventFormatException("BlobCreated event: neither data.url nor subject names the blob.");
    }

    /// <summary>
    /// <c>https://account.blob.core.windows.net/container/dir/name%20x.csv</c> → (container, "dir/name x.csv").
    /// Path-style URLs of emulators (<c>http://127.0.0.1:10000/account/container/blob</c>) carry the account first.
    /// </summary>
    public static (string Container, string Blob) FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CloudEventFormatException($"BlobCreated event: data.url '{url}' is not an http(s) URL.");
        }

        var path = uri.AbsolutePath.TrimStart('/');
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback)
        {
            var accountEnd = path.IndexOf('/', StringComparison.Ordinal);
            path = accountEnd < 0 ? string.Empty : path[(accountEnd + 1)..];
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw new CloudEventFormatException($"BlobCreated event: data.url '{url}' has no container and blob name.");
        }

        return (Uri.UnescapeDataString(path[..slash]), Uri.UnescapeDataString(path[(slash + 1)..]));
    }

    /// <summary><c>/blobServices/default/containers/{container}/blobs/{name}</c>; the name is not URL-encoded there.</summary>
    public static (string Container, string Blob) FromSubject(string subject)
    {
        if (!subject.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            throw new CloudEventFormatException($"BlobCreated event: subject '{subject}' does not start with '{SubjectPrefix}'.");
        }

        var rest = subject.AsSpan(SubjectPrefix.Length);
        var blobs = rest.IndexOf(BlobsSegment, StringComparison.Ordinal);
        if (blobs <= 0 || blobs + BlobsSegment.Length >= rest.Length)
        {
            throw new CloudEventFormatException($"BlobCreated event: subject '{subject}' has no container and blob name.");
        }

        return (rest[..blobs].ToString(), rest[(blobs + BlobsSegment.Length)..].ToString());
    }
}
