using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>Lengths (UTF-16 code units) and whitespace token counts of text values.</summary>
public sealed class TextSketch
{
    public long Count { get; private set; }

    public long EmptyCount { get; private set; }

    public long MinLength { get; private set; }

    public long MaxLength { get; private set; }

    public long TotalLength { get; private set; }

    public long MinTokens { get; private set; }

    public long MaxTokens { get; private set; }

    public long TotalTokens { get; private set; }

    public double MeanLength => Count == 0 ? double.NaN : (double)TotalLength / Count;

    public double MeanTokens => Count == 0 ? double.NaN : (double)TotalTokens / Count;

    public void Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tokens = TextTokens.Count(value);
        Add(value.Length, tokens);
    }

    public void Merge(TextSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            (MinLength, MaxLength, MinTokens, MaxTokens) = (other.MinLength, other.MaxLength, other.MinTokens, other.MaxTokens);
        }
        else
        {
            MinLength = Math.Min(MinLength, other.MinLength);
            MaxLength = Math.Max(MaxLength, other.MaxLength);
            MinTokens = Math.Min(MinTokens, other.MinTokens);
            MaxTokens = Math.Max(MaxTokens, other.MaxTokens);
        }

        Count += other.Count;
        EmptyCount += other.EmptyCount;
        TotalLength += other.TotalLength;
        TotalTokens += other.TotalTokens;
    }

    public TextSketch Clone()
    {
        var copy = new TextSketch();
        copy.Merge(this);
        return copy;
    }

    internal void WriteTo(ProfileBinaryWriter writer)
    {
        var section = writer.BeginSection();
        writer.WriteInt64(Count);
        writer.WriteInt64(EmptyCount);
        writer.WriteInt64(MinLength);
        writer.WriteInt64(MaxLength);
        writer.WriteInt64(TotalLength);
        writer.WriteInt64(MinTokens);
        writer.WriteInt64(MaxTokens);
        writer.WriteInt64(TotalTokens);
        writer.EndSection(section);
    }

    internal static TextSketch ReadFrom(ref ProfileBinaryReader reader)
    {
        var section = reader.ReadSection();
        return new TextSketch
        {
            Count = section.ReadInt64(),
            EmptyCount = section.ReadInt64(),
            MinLength = section.ReadInt64(),
            MaxLength = section.ReadInt64(),
            TotalLength = section.ReadInt64(),
            MinTokens = section.ReadInt64(),
            MaxTokens = section.ReadInt64(),
            TotalTokens = section.ReadInt64(),
        };
    }

    internal void Add(int length, int tokens)
    {
        if (Count == 0)
        {
            (MinLength, MaxLength, MinTokens, MaxTokens) = (length, length, tokens, tokens);
        }
        else
        {
            MinLength = Math.Min(MinLength, length);
            MaxLength = Math.Max(MaxLength, length);
            MinTokens = Math.Min(MinTokens, tokens);
            MaxTokens = Math.Max(MaxTokens, tokens);
        }

        Count++;
        TotalLength += length;
        TotalTokens += tokens;
        if (length == 0)
        {
            EmptyCount++;
        }
    }
}
