using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Processing;

/// <summary>The one entry point hosts call: process one created object end to end.</summary>
public interface IObjectProcessor
{
    /// <summary>Never throws for bad data (that is a <see cref="ObjectStatus.Quarantined"/> outcome); throws only on cancellation.</summary>
    Task<ProcessingOutcome> ProcessAsync(ObjectCreated created, CancellationToken cancellationToken = default);
}
