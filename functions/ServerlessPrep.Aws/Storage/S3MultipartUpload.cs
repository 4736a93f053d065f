using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;

namespace ServerlessPrep.Aws.Storage;

/// <summary>Multipart upload of a stream whose first full part has already been read; aborts the upload on any failure.</summary>
internal static class S3MultipartUpload
{
    public static async Task UploadAsync(IAmazonS3 client, string bucket, string key, ReadOnlyMemory<byte> firstPart, Stream rest, CancellationToken cancellationToken)
    {
        var created = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
        var uploadId = created.UploadId;
        try
        {
            var parts = new List<PartETag>();
            var next = ArrayPool<byte>.Shared.Rent(firstPart.Length);
            try
            {
                await UploadPartsAsync(client, bucket, key, uploadId, firstPart, next, rest, parts, cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(next);
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

    private static async Task UploadPartsAsync(
        IAmazonS3 client, string bucket, string key, string uploadId, ReadOnlyMemory<byte> firstPart, byte[] spare, Stream rest, List<PartETag> parts, CancellationToken cancellationToken)
    {
        var current = firstPart;
        while (current.Length > 0)
        {
            var partNumber = parts.Count + 1;
            var response = await client.UploadPartAsync(
                new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = uploadId,
                    PartNumber = partNumber,
                    InputStream = S3ObjectStore.ReadOnlyStream(current),
                    UseChunkEncoding = false,
                },
                cancellationToken);
            parts.Add(new PartETag(partNumber, response.ETag));
            var filled = await rest.ReadAtLeastAsync(spare.AsMemory(0, firstPart.Length), firstPart.Length, throwOnEndOfStream: false, cancellationToken);
            current = spare.AsMemory(0, filled);
        }
    }
}
