namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>The parts of a Parquet page header (Thrift <c>PageHeader</c>) the flat-column decoder uses.</summary>
internal readonly record struct PageHeader(
    PageType Type,
    int UncompressedSize,
    int CompressedSize,
    int ValueCount,
    PageEncoding Encoding,
    PageEncoding DefinitionLevelEncoding,
    int DefinitionLevelsLength,
    int RepetitionLevelsLength,
    bool ValuesCompressed);

internal enum PageType
{
    Data = 0,
    Index = 1,
    Dictionary = 2,
    DataV2 = 3,
}

/// <summary>Parquet's <c>Encoding</c> values.</summary>
internal enum PageEncoding
{
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}
