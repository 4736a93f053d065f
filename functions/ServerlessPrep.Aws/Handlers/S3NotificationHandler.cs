using System.Text.Json;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Handlers;

/// <summary>Trigger: S3 event notification delivered straight to the function (asynchronous invoke).</summary>
internal sealed class S3NotificationHandler
{
    private readonly ObjectEntryProcessor _processor;

    public S3NotificationHandler(ObjectEntryProcessor processor) => _processor = processor;

    public static bool CanHandle(JsonElement root) => S3EventNotificationParser.IsMatch(root);

    public async Task<IReadOnlyList<ObjectResult>> HandleAsync(JsonElement root, CancellationToken cancellationToken)
        => await _processor.ProcessAsync(S3EventNotificationParser.Parse(root), cancellationToken);
}
