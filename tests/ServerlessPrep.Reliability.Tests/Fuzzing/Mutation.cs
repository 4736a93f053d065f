namespace ServerlessPrep.Reliability.Tests.Fuzzing;

/// <summary>How a fuzz case damages its seed input.</summary>
public enum Mutation
{
    BitFlips,
    FooterBitFlips,
    Truncation,
    HugeFooterLength,
    RandomBytes,
    RaggedCsv,
    InvalidUtf8Jsonl,
}
