using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// A struct, list or map (or legacy repeated) top-level field, carried as one JSON text per row.
/// Each leaf column is read raw (values + definition/repetition levels) and merged into one JSON tree per row;
/// maps become arrays of <c>{"key":…,"value":…}</c> objects (keys need not be strings).
/// </summary>
internal sealed class ParquetNestedPlan : ParquetColumnPlan
{
    private readonly string _topName;
    private readonly List<(DataField Field, List<ParquetNestedStep> Steps)> _leaves = [];
    private string?[] _values = [];

    public ParquetNestedPlan(ColumnSchema schema, Field top)
        : base(schema)
    {
        _topName = top.Name;
        Collect(top, top.Name, 0, 0, []);
    }

    public override void Release() => Array.Clear(_values);

    public override async ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        var values = Ensure(ref _values, rowCount);
        var holders = new JsonObject?[rowCount];
        foreach (var (field, steps) in _leaves)
        {
            var leaf = await ReadLeafAsync(rowGroup, field, cancellationToken).ConfigureAwait(false);
            Assemble(holders, leaf, steps);
        }

        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < rowCount; i++)
        {
            values[i] = null;
            if (holders[i] is { } holder && holder.TryGetPropertyValue(_topName, out var node) && node is not null)
            {
                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    node.WriteTo(writer);
                }

                values[i] = Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
        }

        return new StringColumn(Name, values, rowCount, DataKind.Nested);
    }

    /// <summary>Whether the levels this plan computed agree with the ones Parquet.Net reports for every leaf.</summary>
    public bool LevelsAgree => _leaves.TrueForAll(l => l.Steps[^1].PresentDefinition == l.Field.MaxDefinitionLevel
        && l.Steps.Max(s => s.Repetition) == l.Field.MaxRepetitionLevel);

    private void Collect(Field field, string slot, int parentDefinition, int parentRepetition, List<ParquetNestedStep> path)
    {
        var present = parentDefinition + (field.IsNullable ? 1 : 0);
        switch (field)
        {
            case StructField s:
                path.Add(new ParquetNestedStep(ParquetNestedStepKind.Struct, slot, present, present, parentRepetition));
                foreach (var child in s.Fields)
                {
                    Collect(child, child.Name, present, parentRepetition, path);
                }

                break;
            case ListField l:
                path.Add(new ParquetNestedStep(ParquetNestedStepKind.List, slot, present, present + 1, parentRepetition + 1));
                Collect(l.Item, l.Item.Name, present + 1, parentRepetition + 1, path);
                break;
            case MapField m:
                path.Add(new ParquetNestedStep(ParquetNestedStepKind.Map, slot, present, present + 1, parentRepetition + 1));
                Collect(m.Key, "key", present + 1, parentRepetition + 1, path);
                Collect(m.Value, "value", present + 1, parentRepetition + 1, path);
                break;
            case DataField d when d.IsArray:
                // Legacy repeated primitive without a LIST wrapper: never null, possibly empty.
                path.Add(new ParquetNestedStep(ParquetNestedStepKind.List, slot, parentDefinition, parentDefinition + 1, parentRepetition + 1));
                path.Add(new ParquetNestedStep(ParquetNestedStepKind.Leaf, d.Name, parentDefinition + 1, parentDefinition + 1, parentRepetition + 1));
                _leaves.Add((d, [.. path]));
                path.RemoveAt(path.Count - 1);
                break;
            case DataField d:
                path.Add(new ParquetNestedStep(ParquetNestedStepKind.Leaf, slot, present, present, parentRepetition));
                _leaves.Add((d, [.. path]));
                break;
            default:
                throw new NotSupportedException($"Unknown Parquet field kind {field.GetType().Name}.");
        }

        path.RemoveAt(path.Count - 1);
    }

    private void Assemble(JsonObject?[] holders, LeafData leaf, List<ParquetNestedStep> steps)
    {
        var maxRepetition = steps.Max(s => s.Repetition);
        var indices = new int[maxRepetition + 1];
        var leafDefinition = steps[^1].PresentDefinition;
        var row = -1;
        var valueCursor = 0;
        for (var k = 0; k < leaf.Definitions.Length; k++)
        {
            var d = leaf.Definitions[k];
            var r = leaf.Repetitions is null ? 0 : leaf.Repetitions[k];
            if (r == 0)
            {
                row++;
                Array.Clear(indices);
                if (row >= holders.Length)
                {
                    throw new InvalidOperationException($"leaf '{steps[^1].SlotName}' has more rows than the row group's {holders.Length}.");
                }
            }
            else
            {
                indices[r]++;
                Array.Clear(indices, r + 1, indices.Length - r - 1);
            }

            JsonNode? value = null;
            if (d == leafDefinition)
            {
                value = leaf.Values[valueCursor++];
            }

            JsonNode container = holders[row] ??= new JsonObject();
            var name = _topName;
            var index = -1;
            for (var s = 0; s < steps.Count; s++)
            {
                var step = steps[s];
                if (d < step.PresentDefinition)
                {
                    GetOrSet(container, name, index, null);
                    break;
                }

                if (step.Kind == ParquetNestedStepKind.Leaf)
                {
                    GetOrSet(container, name, index, value);
                    break;
                }

                var node = GetOrSet(container, name, index, step.Kind == ParquetNestedStepKind.Struct ? new JsonObject() : new JsonArray())!;
                if (step.Kind == ParquetNestedStepKind.Struct)
                {
                    container = node;
                    name = steps[s + 1].SlotName;
                    index = -1;
                    continue;
                }

                if (d < step.ElementDefinition)
                {
                    break;
                }

                var element = indices[step.Repetition];
                if (step.Kind == ParquetNestedStepKind.List)
                {
                    container = node;
                    name = string.Empty;
                    index = element;
                }
                else
                {
                    container = GetOrSet(node, string.Empty, element, new JsonObject())!;
                    name = steps[s + 1].SlotName;
                    index = -1;
                }
            }
        }

        if (row + 1 != holders.Length)
        {
            throw new InvalidOperationException($"leaf '{steps[^1].SlotName}' has {row + 1} rows, the row group {holders.Length}.");
        }
    }

    /// <summary>Returns the node already in the slot, or puts <paramref name="create"/> there (merging leaves of one tree).</summary>
    private static JsonNode? GetOrSet(JsonNode container, string name, int index, JsonNode? create)
    {
        if (index < 0)
        {
            var obj = (JsonObject)container;
            if (obj.TryGetPropertyValue(name, out var existing))
            {
                if (existing is not null || create is null)
                {
                    return existing;
                }

                obj[name] = create;
                return create;
            }

            obj[name] = create;
            return create;
        }

        var array = (JsonArray)container;
        while (array.Count < index)
        {
            array.Add(null);
        }

        if (index < array.Count)
        {
            if (array[index] is null && create is not null)
            {
                array[index] = create;
                return create;
            }

            return array[index];
        }

        array.Add(create);
        return create;
    }

    private static async ValueTask<LeafData> ReadLeafAsync(ParquetRowGroupReader rowGroup, DataField field, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(bool))
        {
            return await ReadAsync<bool>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(sbyte))
        {
            return await ReadAsync<sbyte>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(byte))
        {
            return await ReadAsync<byte>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(short))
        {
            return await ReadAsync<short>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(ushort))
        {
            return await ReadAsync<ushort>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(int))
        {
            return await ReadAsync<int>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(uint))
        {
            return await ReadAsync<uint>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(long))
        {
            return await ReadAsync<long>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(ulong))
        {
            return await ReadAsync<ulong>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(float))
        {
            return await ReadAsync<float>(rowGroup, field, v => Number(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(double))
        {
            return await ReadAsync<double>(rowGroup, field, Number, ct).ConfigureAwait(false);
        }

        if (t == typeof(Half))
        {
            return await ReadAsync<Half>(rowGroup, field, v => Number((double)v), ct).ConfigureAwait(false);
        }

        if (t == typeof(decimal))
        {
            return await ReadAsync<decimal>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(DateTime))
        {
            return await ReadAsync<DateTime>(rowGroup, field, v => JsonValue.Create(DateTime.SpecifyKind(v, DateTimeKind.Utc)), ct).ConfigureAwait(false);
        }

        if (t == typeof(DateOnly))
        {
            return await ReadAsync<DateOnly>(rowGroup, field, v => JsonValue.Create(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ct).ConfigureAwait(false);
        }

        if (t == typeof(TimeOnly))
        {
            return await ReadAsync<TimeOnly>(rowGroup, field, v => JsonValue.Create(v.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)), ct).ConfigureAwait(false);
        }

        if (t == typeof(TimeSpan))
        {
            return await ReadAsync<TimeSpan>(rowGroup, field, v => JsonValue.Create(v.ToString("c", CultureInfo.InvariantCulture)), ct).ConfigureAwait(false);
        }

        if (t == typeof(Guid))
        {
            return await ReadAsync<Guid>(rowGroup, field, v => JsonValue.Create(v), ct).ConfigureAwait(false);
        }

        if (t == typeof(ReadOnlyMemory<char>))
        {
            return await ReadAsync<ReadOnlyMemory<char>>(rowGroup, field, v => JsonValue.Create(v.ToString()), ct).ConfigureAwait(false);
        }

        if (t == typeof(ReadOnlyMemory<byte>))
        {
            return await ReadAsync<ReadOnlyMemory<byte>>(rowGroup, field, v => JsonValue.Create(Convert.ToBase64String(v.Span)), ct).ConfigureAwait(false);
        }

        throw new NotSupportedException($"leaf '{field.Path}' has CLR type {t.Name}, which nested reading does not support.");
    }

    private static JsonNode Number(double v) => double.IsFinite(v)
        ? JsonValue.Create(v)
        : JsonValue.Create(v.ToString(CultureInfo.InvariantCulture));

    // ReadRawColumnDataBaseAsync would be simpler, but it dispatches through MakeGenericMethod, which fails under Native AOT.
    private static async ValueTask<LeafData> ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, Func<T, JsonNode?> toNode, CancellationToken ct)
        where T : struct
    {
        var entries = checked((int)(rowGroup.GetMetadata(field)?.MetaData?.NumValues
            ?? throw new InvalidOperationException($"leaf '{field.Path}' has no column chunk metadata.")));
        var source = new T[entries];
        var definitions = new int[entries];
        var repetitions = new int[entries];

        // Parquet.Net checks both level buffers' lengths even for a column without repetition or definition levels.
        await rowGroup.ReadRawAsync<T>(field, source, definitions, repetitions, ct).ConfigureAwait(false);

        var present = field.MaxDefinitionLevel;
        var count = present > 0 ? definitions.AsSpan().Count(present) : entries;
        var values = new JsonNode?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = toNode(source[i]);
        }

        return new LeafData(definitions, field.MaxRepetitionLevel > 0 ? repetitions : null, values);
    }

    private sealed record LeafData(int[] Definitions, int[]? Repetitions, JsonNode?[] Values);
}
