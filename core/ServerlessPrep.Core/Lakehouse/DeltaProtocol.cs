namespace ServerlessPrep.Core.Lakehouse;

/// <summary>A <c>protocol</c> action: what a reader must understand to read the table correctly.</summary>
internal sealed record DeltaProtocol(int MinReaderVersion, int MinWriterVersion, IReadOnlyList<string> ReaderFeatures);
