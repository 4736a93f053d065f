using System.Text.Json;

namespace ServerlessPrep.ChaosWorker;

internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
