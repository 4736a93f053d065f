namespace ServerlessPrep.Core.Reading;

/// <summary>One value that did not parse: where it was (1-based line) and its text (cut to 64 characters).</summary>
public sealed record UnparsedExample(long Line, string Text);
