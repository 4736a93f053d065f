using Amazon.S3;
using Amazon.S3.Model;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>Every object under a prefix of a bucket, with its ETag and bytes, to compare outputs before and after a redelivery.</summary>
internal static class OutputSnapshot
{
    public static async Task<SortedDictionary<string, (string ETag, byte[] Bytes)>> TakeAsync(IAmazonS3 s3, string bucket, string prefix, string mustContain)
    {
        var objects = new SortedDictionary<string, (string, byte[])>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request);
            foreach (var listed in (page.S3Objects ?? []).Where(o => o.Key.Contains(mustContain, StringComparison.Ordinal)))
            {
                using var get = await s3.GetObjectAsync(bucket, listed.Key);
                using var bytes = new MemoryStream();
                await get.ResponseStream.CopyToAsync(bytes);
                objects[listed.Key] = (get.ETag, bytes.ToArray());
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return objects;
    }
}
