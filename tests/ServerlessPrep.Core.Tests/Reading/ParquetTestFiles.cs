using Parquet;
using Parquet.Schema;

namespace ServerlessPrep.Core.Tests.Reading;

/// <summary>Writes small Parquet files with Parquet.Net's low-level writer, independently of the code under test.</summary>
internal static class ParquetTestFiles
{
    public static Task<MemoryStream> WriteAsync(ParquetSchema schema, params Func<ParquetRowGroupWriter, DataField[], Task>[] rowGroups)
        => WriteAsync(schema, new ParquetOptions(), rowGroups);

    public static async Task<MemoryStream> WriteAsync(ParquetSchema schema, ParquetOptions options, params Func<ParquetRowGroupWriter, DataField[], Task>[] rowGroups)
    {
        var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, options))
        {
            foreach (var write in rowGroups)
            {
                using var rowGroup = writer.CreateRowGroup();
                await write(rowGroup, schema.GetDataFields());
                rowGroup.CompleteValidate();
            }
        }

        stream.Position = 0;
        return stream;
    }
}
