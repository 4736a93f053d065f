using System.Net;
using Google;

namespace ServerlessPrep.Gcp.Storage;

internal static class GcsErrors
{
    public static bool IsNotFound(GoogleApiException ex) => ex.HttpStatusCode == HttpStatusCode.NotFound;

    /// <summary>412: an <c>ifGenerationMatch</c> precondition failed (GCS also answers 412 when the object is missing).</summary>
    public static bool IsPreconditionFailed(GoogleApiException ex) => ex.HttpStatusCode == HttpStatusCode.PreconditionFailed;
}
