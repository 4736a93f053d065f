using System.Text.Json;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Handlers;

/// <summary>Trigger: EventBridge rule on S3 "Object Created" targeting the function directly.</summary>
internal sealed class EventBridgeHandler
{
    private readonly ObjectEntryProcessor _processor;

    public EventBridgeHandler(ObjectEntryProcessor processor) => _processor = processor;

    public static bool CanHandle(JsonElement root) => EventBridgeS3EventParser.IsMatch(root);

    public async Task<IReadOnlyList<ObjectResult>> HandleAsync(JsonElement root, CancellationToken cancellationToken)
        => await _processor.ProcessAsync([EventBridgeS3EventParser.Parse(root)], cancellationToken);
}
