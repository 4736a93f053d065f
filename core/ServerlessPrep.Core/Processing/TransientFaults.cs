using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>Which exceptions mean "try again later" rather than "this object is bad".</summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        TransientStorageException => true,
        ObjectChangedException => true,
        HttpRequestException => true,
        TimeoutException => true,
        FileNotFoundException or DirectoryNotFoundException => false,
        IOException io when io.GetType() == typeof(IOException) => true,
        AggregateException agg => agg.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
