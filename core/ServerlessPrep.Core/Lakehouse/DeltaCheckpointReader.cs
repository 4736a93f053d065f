using System.Text.Json;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// Reads the actions of a Parquet checkpoint (classic or one part of a multi-part one). Each row holds one action in one of the
/// struct columns <c>add</c>, <c>remove</c>, <c>protocol</c>, <c>metaData</c> (others are ignored); our Parquet reader turns a
/// struct column into JSON text per row, which goes through the same parser as commit lines. Streams row group by row group.
/// </summary>
internal static class DeltaCheckpointReader
{
    private static readonly string[] ActionColumns = ["add", "remove", "protocol", "metaData"];

    public static async Task ReadIntoAsync(IObjectStore lake, string key, DeltaActions actions, CancellationToken cancellationToken)
    {
        await using var stream = await lake.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using var reader = await BatchReaderFactory.OpenAsync(stream, key, InputFormat.Parquet, new CsvOptions(), ReaderOptions.Default, cancellationToken).ConfigureAwait(false);
        foreach (var required in new[] { "add", "protocol", "metaData" })
        {
            if (reader.Schema.Find(required) is null)
            {
                throw new InvalidDataObjectException(key, $"Delta checkpoint has no '{required}' column (expected the struct columns add, remove, protocol, metaData)", column: required);
            }
        }

        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var name in ActionColumns)
            {
                if (batch.Find(name) is not StringColumn column)
                {
                    continue;
                }

                var values = column.Values;
                for (var row = 0; row < values.Length; row++)
                {
                    if (values[row] is not { } json)
                    {
                        continue;
                    }

                    using var document = JsonDocument.Parse(json);
                    DeltaActionParser.Apply(actions, name, document.RootElement, key, batch.FirstRowIndex + row + 1);
                }
            }
        }
    }
}
