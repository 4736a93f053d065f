using System.Text.Json;
using ServerlessPrep.Core.Cleaning;

namespace ServerlessPrep.Core.Processing;

/// <summary>Collects rejected rows as JSON Lines (one row per line with the rule, column, value and reason) in a temp file.</summary>
internal sealed class QuarantineRowsWriter : IAsyncDisposable
{
    private readonly string _path;
    private FileStream? _file;
    private Utf8JsonWriter? _json;

    public QuarantineRowsWriter(string tempDirectory)
    {
        _path = Path.Combine(tempDirectory, $"sp-quarantine-{Guid.NewGuid():N}.jsonl");
    }

    public long Count { get; private set; }

    public void Add(IReadOnlyList<RejectedRow> rows)
    {
        foreach (var row in rows)
        {
            _file ??= new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 65536, FileOptions.DeleteOnClose);
            _json ??= new Utf8JsonWriter(_file);
            _json.Reset(_file);
            _json.WriteStartObject();
            _json.WriteNumber("row", row.RowIndex);
            _json.WriteString("rule", row.Rule);
            _json.WriteString("column", row.Column);
            _json.WriteString("value", row.Value);
            _json.WriteString("reason", row.Reason);
            _json.WriteStartObject("values");
            foreach (var (name, value) in row.Row)
            {
                _json.WriteString(name, value);
            }

            _json.WriteEndObject();
            _json.WriteEndObject();
            _json.Flush();
            _file.WriteByte((byte)'\n');
            Count++;
        }
    }

    /// <summary>The collected rows, rewound for upload, or null when no row was rejected.</summary>
    public Stream? Content()
    {
        if (_file is null)
        {
            return null;
        }

        _file.Flush();
        _file.Position = 0;
        return _file;
    }

    public async ValueTask DisposeAsync()
    {
        if (_json is not null)
        {
            await _json.DisposeAsync().ConfigureAwait(false);
        }

        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }
}
