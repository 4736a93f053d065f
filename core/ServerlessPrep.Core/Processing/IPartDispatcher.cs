using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Where the parts of a large object run: in this process (the default: CLI, watch, local backfill, or a host without a queue),
/// or as messages on the deployment's work queue, each processed by its own invocation.
/// </summary>
public interface IPartDispatcher
{
    /// <summary>True when <see cref="DispatchAsync"/> returns only after the parts ran (the object's outcome is then final).</summary>
    bool RunsInProcess { get; }

    /// <summary>Where the parts go, for messages (e.g. a queue URI).</summary>
    string Target { get; }

    /// <summary>Runs or sends the part events (<see cref="ObjectCreated.Part"/> set). Sending the same part twice is harmless (parts have claims).</summary>
    Task DispatchAsync(IReadOnlyList<ObjectCreated> parts, CancellationToken cancellationToken);
}
