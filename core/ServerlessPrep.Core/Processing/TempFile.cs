namespace ServerlessPrep.Core.Processing;

/// <summary>A scratch file deleted on dispose: outputs are staged here so memory stays bounded by a batch, not an object.</summary>
internal static class TempFile
{
    public static FileStream Create(string directory, string purpose)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"sp-{purpose}-{Guid.NewGuid():N}.tmp");
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }
}
