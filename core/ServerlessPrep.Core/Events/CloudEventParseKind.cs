namespace ServerlessPrep.Core.Events;

/// <summary>What kind of event a parser saw.</summary>
public enum CloudEventParseKind
{
    /// <summary>An object was created; <see cref="CloudEventParseResult.Created"/> is set.</summary>
    Created,

    /// <summary>A well-formed event the pipeline has nothing to do with (another event type, a folder marker...).</summary>
    Ignored,

    /// <summary>An Event Grid subscription validation handshake.</summary>
    SubscriptionValidation,
}
