namespace ServerlessPrep.Core.Specs;

/// <summary>One problem in a spec file, with its location.</summary>
public sealed record SpecError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>A spec file is invalid. All problems found are reported together.</summary>
public sealed class SpecException : ServerlessPrepException
{
    public SpecException(IReadOnlyList<SpecError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public IReadOnlyList<SpecError> Errors { get; }
}
