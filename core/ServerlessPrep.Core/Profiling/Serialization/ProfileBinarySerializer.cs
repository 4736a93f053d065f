using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Profiling.Serialization;

/// <summary>
/// The compact binary form of profiles, for the key-value store: the magic "SPPF", a major and a minor format version,
/// then length-prefixed sections. Minor versions only append fields at the end of sections, and readers skip what
/// they do not know, so newer writers stay readable and every older version keeps loading. A major version change is
/// incompatible and is refused with a <see cref="ProfileFormatException"/>.
/// </summary>
public static class ProfileBinarySerializer
{
    public const ushort MajorVersion = 1;
    public const ushort MinorVersion = 0;

    private static ReadOnlySpan<byte> Magic => "SPPF"u8;

    private const byte HasMoments = 1;
    private const byte HasQuantiles = 2;
    private const byte HasFrequent = 4;
    private const byte HasText = 8;
    private const byte HasSemantic = 16;
    private const byte TopValuesDropped = 32;

    public static byte[] Serialize(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var writer = StartDocument();
        var section = writer.BeginSection();
        writer.WriteInt64(profile.RowCount);
        writer.WriteInt32(profile.ObjectCount);
        writer.WriteInt32(profile.Columns.Length);
        foreach (var column in profile.Columns)
        {
            WriteColumn(writer, column);
        }

        writer.WriteInt32(profile.Conflicts.Length);
        foreach (var conflict in profile.Conflicts)
        {
            var c = writer.BeginSection();
            writer.WriteString(conflict.Column);
            writer.WriteByte((byte)conflict.KeptKind);
            writer.WriteByte((byte)conflict.DroppedKind);
            writer.WriteInt64(conflict.DroppedRows);
            writer.EndSection(c);
        }

        writer.EndSection(section);
        return writer.WrittenSpan.ToArray();
    }

    public static DatasetProfile Deserialize(ReadOnlySpan<byte> data)
    {
        var document = OpenDocument(data);
        var section = document.ReadSection();
        var rowCount = section.ReadInt64();
        var objectCount = section.ReadInt32();
        var columnCount = section.ReadCount(1 << 20);
        var columns = new ColumnProfile[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            columns[i] = ReadColumn(ref section);
        }

        var conflictCount = section.ReadCount(1 << 20);
        var conflicts = new ColumnKindConflict[conflictCount];
        for (var i = 0; i < conflictCount; i++)
        {
            var c = section.ReadSection();
            conflicts[i] = new ColumnKindConflict(c.ReadString() ?? "", ReadKind(ref c), ReadKind(ref c), c.ReadInt64());
        }

        if (rowCount < 0 || objectCount < 0)
        {
            throw new ProfileFormatException("Negative row or object count.");
        }

        return new DatasetProfile(rowCount, objectCount, [.. columns], [.. conflicts]);
    }

    public static byte[] SerializeColumn(ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var writer = StartDocument();
        WriteColumn(writer, column);
        return writer.WrittenSpan.ToArray();
    }

    public static ColumnProfile DeserializeColumn(ReadOnlySpan<byte> data)
    {
        var document = OpenDocument(data);
        return ReadColumn(ref document);
    }

    private static ProfileBinaryWriter StartDocument()
    {
        var writer = new ProfileBinaryWriter();
        writer.WriteBytes(Magic);
        writer.WriteUInt16(MajorVersion);
        writer.WriteUInt16(MinorVersion);
        return writer;
    }

    private static ProfileBinaryReader OpenDocument(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..4].SequenceEqual(Magic))
        {
            throw new ProfileFormatException("Not a ServerlessPrep profile (bad magic).");
        }

        var reader = new ProfileBinaryReader(data[4..]);
        var major = reader.ReadUInt16();
        _ = reader.ReadUInt16();
        if (major != MajorVersion)
        {
            throw new ProfileFormatException($"Profile format {major}.x is not readable by this version (reads {MajorVersion}.x).");
        }

        return reader;
    }

    private static void WriteColumn(ProfileBinaryWriter writer, ColumnProfile column)
    {
        var section = writer.BeginSection();
        writer.WriteString(column.Name);
        writer.WriteByte((byte)column.Kind);
        writer.WriteInt64(column.RowCount);
        writer.WriteInt64(column.NullCount);
        writer.WriteInt32(column.Options.QuantileK);
        writer.WriteInt32(column.Options.DistinctPrecision);
        writer.WriteInt32(column.Options.FrequentItemsMaxTracked);
        writer.WriteUInt64(column.Options.Seed);
        var flags = (byte)((column.MomentsSketch is null ? 0 : HasMoments)
            | (column.QuantileSketch is null ? 0 : HasQuantiles)
            | (column.FrequentSketch is null ? 0 : HasFrequent)
            | (column.TextSketch is null ? 0 : HasText)
            | (column.SemanticSketch is null ? 0 : HasSemantic)
            | (column.TopValuesDropped ? TopValuesDropped : 0));
        writer.WriteByte(flags);
        column.DistinctSketch.WriteTo(writer);
        column.MomentsSketch?.WriteTo(writer);
        column.QuantileSketch?.WriteTo(writer);
        column.FrequentSketch?.WriteTo(writer);
        column.TextSketch?.WriteTo(writer);
        column.SemanticSketch?.WriteTo(writer);
        writer.EndSection(section);
    }

    private static ColumnProfile ReadColumn(ref ProfileBinaryReader reader)
    {
        var section = reader.ReadSection();
        var name = section.ReadString();
        if (string.IsNullOrEmpty(name))
        {
            throw new ProfileFormatException("A column profile has no name.");
        }

        var kind = ReadKind(ref section);
        var rowCount = section.ReadInt64();
        var nullCount = section.ReadInt64();
        var options = new ProfilerOptions
        {
            QuantileK = section.ReadInt32(),
            DistinctPrecision = section.ReadInt32(),
            FrequentItemsMaxTracked = section.ReadInt32(),
            Seed = section.ReadUInt64(),
        };
        if (options.Validate().Count > 0 || nullCount < 0 || nullCount > rowCount)
        {
            throw new ProfileFormatException($"Column '{name}': invalid options or counts ({string.Join(" ", options.Validate())}).");
        }

        var flags = section.ReadByte();
        var distinct = HyperLogLogSketch.ReadFrom(ref section);
        var moments = (flags & HasMoments) != 0 ? MomentsSketch.ReadFrom(ref section) : null;
        var quantiles = (flags & HasQuantiles) != 0 ? KllSketch.ReadFrom(ref section) : null;
        var frequent = (flags & HasFrequent) != 0 ? FrequentItemsSketch.ReadFrom(ref section) : null;
        var text = (flags & HasText) != 0 ? TextSketch.ReadFrom(ref section) : null;
        var semantic = (flags & HasSemantic) != 0 ? SemanticTypeSketch.ReadFrom(ref section) : null;
        if ((moments is null) != (quantiles is null))
        {
            throw new ProfileFormatException($"Column '{name}': moments and quantiles must be present together.");
        }

        var dropped = (flags & TopValuesDropped) != 0;
        return new ColumnProfile(options, name, kind, rowCount, nullCount, distinct, moments, quantiles, frequent, text, semantic, dropped);
    }

    private static DataKind ReadKind(ref ProfileBinaryReader reader)
    {
        var kind = (DataKind)reader.ReadByte();
        return Enum.IsDefined(kind) ? kind : throw new ProfileFormatException($"Unknown column kind {(int)kind}.");
    }
}
