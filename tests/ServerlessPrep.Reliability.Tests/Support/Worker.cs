using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>One processor instance with the key-value store it writes to.</summary>
internal sealed record Worker(Processor Processor, IKeyValueStore Kv);
