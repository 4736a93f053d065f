using Google.Apis.Auth.OAuth2;

namespace ServerlessPrep.Gcp.Storage;

/// <summary>
/// Where and how <see cref="PubSubWorkQueue"/> publishes: <c>PUBSUB_EMULATOR_HOST</c> (http, no credentials) when set, otherwise
/// https://pubsub.googleapis.com/ with an OAuth token from Application Default Credentials (the metadata server on Cloud Run,
/// <c>gcloud auth application-default login</c> or <c>GOOGLE_APPLICATION_CREDENTIALS</c> elsewhere).
/// </summary>
public static class PubSubEndpoint
{
    public const string EmulatorVariable = "PUBSUB_EMULATOR_HOST";
    private const string Scope = "https://www.googleapis.com/auth/pubsub";
    private static readonly Uri Production = new("https://pubsub.googleapis.com/");

    public static PubSubWorkQueue Open(HttpClient http, string topic, LakeScope lake, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return getVariable(EmulatorVariable) is { Length: > 0 } emulator
            ? new PubSubWorkQueue(http, new Uri($"http://{emulator}/"), topic, lake, _ => ValueTask.FromResult<string?>(null))
            : new PubSubWorkQueue(http, Production, topic, lake, ApplicationDefaultTokens());
    }

    private static Func<CancellationToken, ValueTask<string?>> ApplicationDefaultTokens()
    {
        ITokenAccess? credential = null;
        return async cancellationToken =>
        {
            try
            {
                credential ??= (await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false)).CreateScoped(Scope);
                return await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"No Google credentials to publish on Pub/Sub ({e.Message}): run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS.", e);
            }
        };
    }
}
