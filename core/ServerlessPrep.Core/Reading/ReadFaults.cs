using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Which exceptions thrown while decoding an object may be reported as "this object is bad". Cancellation, running out of
/// memory and transient storage faults say nothing about the object: they are rethrown unchanged, never turned into a quarantine.
/// </summary>
internal static class ReadFaults
{
    public static bool IsDataFault(Exception exception)
        => exception is not (OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException or TransientStorageException);
}
