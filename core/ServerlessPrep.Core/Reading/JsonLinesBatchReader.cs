using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Reading;

internal sealed class JsonLinesBatchReader
{
    public static Task<IBatchReader> OpenAsync(Stream stream, string objectKey, CsvOptions csv, ReaderOptions options, CancellationToken cancellationToken) => throw new NotImplementedException();

    public static Task<IBatchReader> OpenAsync(Stream stream, string objectKey, ReaderOptions options, CancellationToken cancellationToken) => throw new NotImplementedException();
}
