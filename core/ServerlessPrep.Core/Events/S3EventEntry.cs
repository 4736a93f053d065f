namespace ServerlessPrep.Core.Events;

/// <summary>One object-level entry of an AWS event: either an object creation to process, or a reason it was ignored.</summary>
/// <param name="Created">The created object, or <c>null</c> when the entry is ignored.</param>
/// <param name="IgnoredReason">Why the entry needs no processing (object removed, S3 test event...), or <c>null</c>.</param>
public sealed record S3EventEntry(ObjectCreated? Created, string? IgnoredReason)
{
    public static S3EventEntry Ignored(string reason) => new(null, reason);

    public static S3EventEntry Of(ObjectCreated created) => new(created, null);
}
