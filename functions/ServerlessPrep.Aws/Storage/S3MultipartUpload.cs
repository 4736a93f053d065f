using Amazon.S3;
using Amazon.S3.Model;

namespace ServerlessPrep.Aws.Storage;

/// <summary>Multipart upload of a stream whose first full part has already been read; aborts the upload on any failure.</summary>
internal static class S3MultipartUpload
{
    public static async Task UploadAsync(IAmazonS3 client, string bucket, string key, byte[] firstPart, Stream rest, CancellationToken cancellationToken)
    {
        var created = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
        var uploadId = created.UploadId;
        try
        {
            var parts = new List<PartETag>();
            var current = firstPart;
            var filled = firstPart.Length;
            var next = new byte[firstPart.Length];
            while (filled > 0)
            {
                var partNumber = parts.Count + 1;
                var response = await client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = uploadId,
                        PartNumber = partNumber,
                        InputStream = new MemoryStream(current, 0, filled, writable: false),
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(partNumber, response.ETag));
                filled = await rest.ReadAtLeastAsync(next, next.Length, throwOnEndOfStream: false, cancellationToken);
                (current, next) = (next, current);
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId, PartETags = parts },
                cancellationToken);
        }
        catch
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
            throw;
        }
    }
}
