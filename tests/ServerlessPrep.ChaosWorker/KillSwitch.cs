using System.Diagnostics;

namespace ServerlessPrep.ChaosWorker;

/// <summary>
/// Counts operations at one <see cref="KillPoint"/> and SIGKILLs this process at the <c>n</c>-th: no finally blocks, no flushes,
/// no disposal run, exactly as when a function host or the kernel's OOM killer ends a worker. A marker file says where it happened.
/// </summary>
internal sealed class KillSwitch(string? point, int nth, string markerFile)
{
    private int _count;

    public static KillSwitch None { get; } = new(null, 0, string.Empty);

    public void At(string here)
    {
        if (point != here || Interlocked.Increment(ref _count) != nth)
        {
            return;
        }

        File.WriteAllText(markerFile, here);
        Process.GetCurrentProcess().Kill(); // SIGKILL on Unix
        Thread.Sleep(Timeout.Infinite);
    }
}
