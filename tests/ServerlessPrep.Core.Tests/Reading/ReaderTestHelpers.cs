using System.Text;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Reading;

internal static class ReaderTestHelpers
{
    public static Task<IBatchReader> OpenAsync(string text, string key, InputFormat format = InputFormat.Auto, CsvOptions? csv = null, ReaderOptions? options = null)
        => OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), key, format, csv, options);

    public static Task<IBatchReader> OpenAsync(Stream stream, string key, InputFormat format = InputFormat.Auto, CsvOptions? csv = null, ReaderOptions? options = null)
        => BatchReaderFactory.OpenAsync(stream, key, format, csv ?? new CsvOptions(), options ?? ReaderOptions.Default, CancellationToken.None);

    /// <summary>Copies every row out of the batches (batches are only valid until the next one is read).</summary>
    public static async Task<(List<object?[]> Rows, List<int> BatchSizes)> ReadAllAsync(IBatchReader reader)
    {
        var rows = new List<object?[]>();
        var sizes = new List<int>();
        await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            sizes.Add(batch.RowCount);
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = new object?[batch.Columns.Length];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = batch.Columns[c].GetValue(r);
                }

                rows.Add(row);
            }
        }

        return (rows, sizes);
    }

    public static async Task<List<object?[]>> ReadRowsAsync(string text, string key, InputFormat format = InputFormat.Auto, CsvOptions? csv = null, ReaderOptions? options = null)
    {
        await using var reader = await OpenAsync(text, key, format, csv, options);
        return (await ReadAllAsync(reader)).Rows;
    }

    public static DataKind KindOf(IBatchReader reader, string column) => reader.Schema.Find(column)?.Kind ?? throw new KeyNotFoundException(column);
}
