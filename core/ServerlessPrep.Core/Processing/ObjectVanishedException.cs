namespace ServerlessPrep.Core.Processing;

/// <summary>The object named by an event no longer exists (deleted or overwritten between the event and the read).</summary>
public sealed class ObjectVanishedException(string key)
    : ServerlessPrepException($"{key}: the object no longer exists (deleted after the event was sent)")
{
    public string Key { get; } = key;
}
