namespace ServerlessPrep.ChaosWorker;

/// <summary>One delivery of an object-created event, as a JSON line in the events file the test hands a worker.</summary>
internal sealed record WorkerEvent(int Delivery, string Key, long Size, string Version, string Sequencer, DateTimeOffset EventTime);
