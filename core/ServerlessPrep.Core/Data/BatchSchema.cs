using System.Collections.Immutable;

namespace ServerlessPrep.Core.Data;

/// <summary>The ordered columns of an object or a batch. Column names are unique (ordinal comparison).</summary>
public sealed class BatchSchema : IEquatable<BatchSchema>
{
    private readonly Dictionary<string, int> _indexByName;

    public BatchSchema(IEnumerable<ColumnSchema> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns.ToImmutableArray();
        _indexByName = new Dictionary<string, int>(Columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < Columns.Length; i++)
        {
            if (!_indexByName.TryAdd(Columns[i].Name, i))
            {
                throw new ArgumentException($"Duplicate column name '{Columns[i].Name}'.", nameof(columns));
            }
        }
    }

    public ImmutableArray<ColumnSchema> Columns { get; }

    public int Count => Columns.Length;

    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    public ColumnSchema? Find(string name) => _indexByName.TryGetValue(name, out var i) ? Columns[i] : null;

    /// <summary>A stable text form, used to detect schema changes (name:kind pairs in order).</summary>
    public string Fingerprint => string.Join(",", Columns.Select(c => $"{c.Name}:{c.Kind}"));

    public bool Equals(BatchSchema? other) => other is not null && Fingerprint == other.Fingerprint;

    public override bool Equals(object? obj) => Equals(obj as BatchSchema);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Fingerprint);

    public override string ToString() => Fingerprint;
}
