namespace ServerlessPrep.Core.Reading;

/// <summary>
/// What a reader noticed without failing: schema notes (e.g. a binary column read as base64) and, per column,
/// values that did not parse as the column's inferred type and were read as missing.
/// </summary>
public sealed class ReadDiagnostics
{
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, UnparsedValues> _unparsed = new(StringComparer.Ordinal);
    private readonly int _maxExamples;

    public ReadDiagnostics(int maxExamplesPerColumn = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxExamplesPerColumn);
        _maxExamples = maxExamplesPerColumn;
    }

    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Per column: how many values were read as missing because they did not parse.</summary>
    public IReadOnlyDictionary<string, UnparsedValues> Unparsed => _unparsed;

    public long TotalUnparsed => _unparsed.Values.Sum(u => u.Count);

    internal void AddNote(string note) => _notes.Add(note);

    internal void AddUnparsed(string column, long line, ReadOnlySpan<char> raw)
    {
        if (!_unparsed.TryGetValue(column, out var entry))
        {
            entry = new UnparsedValues();
            _unparsed.Add(column, entry);
        }

        entry.Count++;
        if (entry.ExampleList.Count < _maxExamples)
        {
            const int maxLength = 64;
            var text = raw.Length > maxLength ? string.Concat(raw[..maxLength], "…") : raw.ToString();
            entry.ExampleList.Add(new UnparsedExample(line, text));
        }
    }
}
