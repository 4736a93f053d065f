using nietras.SeparatedValues;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Pulls rows from Sep with the checks every CSV row gets: blank lines skipped, field count equal to the header's,
/// field length within <see cref="ReaderOptions.MaxFieldBytes"/>, parser faults wrapped with the object key and line.
/// </summary>
internal sealed class CsvRowSource(SepReader sep, string objectKey, ReaderOptions options)
{
    private long _lastLine;

    /// <summary>The next non-blank row as strings; <paramref name="expectedFields"/> &lt; 0 skips the count check.</summary>
    public async ValueTask<(string?[] Fields, long Line)?> NextAsync(int expectedFields, CancellationToken cancellationToken)
    {
        while (await MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Current(expectedFields) is { } row)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>Appends the next non-blank row to the builders; false at the end of the object.</summary>
    public async ValueTask<bool> AppendNextAsync(TextColumnBuilder[] builders, CancellationToken cancellationToken)
    {
        while (await MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (AppendCurrent(builders))
            {
                return true;
            }
        }

        return false;
    }

    private async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await sep.MoveNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ReadFaults.IsDataFault(e))
        {
            throw new InvalidDataObjectException(
                objectKey, $"the CSV cannot be parsed after line {_lastLine} ({e.GetType().Name}: {e.Message}); check for an unterminated quote.", line: _lastLine + 1, inner: e);
        }
    }

    private (string?[] Fields, long Line)? Current(int expectedFields)
    {
        var row = sep.Current;
        if (!Check(row, expectedFields))
        {
            return null;
        }

        var fields = new string?[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = row[i].ToString();
        }

        return (fields, row.LineNumberFrom);
    }

    private bool AppendCurrent(TextColumnBuilder[] builders)
    {
        var row = sep.Current;
        if (!Check(row, builders.Length))
        {
            return false;
        }

        long line = row.LineNumberFrom;
        for (var i = 0; i < builders.Length; i++)
        {
            builders[i].Append(row[i].Span, line);
        }

        return true;
    }

    private bool Check(SepReader.Row row, int expectedFields)
    {
        _lastLine = row.LineNumberToExcl - 1;

        // Sep ends a row only where the quote count is even, so an odd count means a quote ran to the end of the object.
        // Checked before any field access, because unescaping rewrites the row's characters in place.
        if ((row.Span.Count('"') & 1) == 1)
        {
            throw new InvalidDataObjectException(
                objectKey, "a quote opened on this line is never closed, so the rest of the object would be one field; expected RFC 4180 quoting.", line: row.LineNumberFrom);
        }

        if (row.ColCount == 1 && expectedFields != 1 && row.Span.Trim().IsEmpty)
        {
            return false;
        }

        if (expectedFields >= 0 && row.ColCount != expectedFields)
        {
            throw new InvalidDataObjectException(
                objectKey, $"ragged row: expected {expectedFields} fields (as in the header) but found {row.ColCount}.", line: row.LineNumberFrom);
        }

        for (var i = 0; i < row.ColCount; i++)
        {
            if (row[i].Span.Length > options.MaxFieldBytes)
            {
                throw new InvalidDataObjectException(
                    objectKey, $"field {i + 1} is {row[i].Span.Length} characters long, over the limit of {options.MaxFieldBytes}; check for an unterminated quote.", line: row.LineNumberFrom);
            }
        }

        return true;
    }
}
