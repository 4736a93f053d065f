namespace ServerlessPrep.ChaosWorker;

/// <summary>What the worker reports for one delivery, as a JSON line appended (and flushed) as soon as the delivery ends.</summary>
internal sealed record WorkerOutcome(int Delivery, string Status, string? Reason);
