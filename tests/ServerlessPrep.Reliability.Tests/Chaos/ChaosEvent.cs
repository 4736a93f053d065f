using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>One delivery of an event, with the object's index so results can be tied back.</summary>
internal sealed record ChaosEvent(int Index, ObjectCreated Created);
