using System.Diagnostics;
using System.Globalization;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Cli.Running;

/// <summary>
/// Progress on stderr: objects done of total, rows, MB/s and ETA on one rewritten line when stderr is a terminal;
/// one line per finished object otherwise (logs, CI).
/// </summary>
internal sealed class ConsoleProgress(TextWriter error, bool interactive) : IProgressReporter
{
    private readonly Stopwatch _clock = new();
    private readonly Lock _gate = new();
    private int _total;
    private long _totalBytes;
    private int _done;
    private long _rows;
    private long _bytes;

    public void Start(int objects, long bytes)
    {
        _total = objects;
        _totalBytes = bytes;
        _clock.Restart();
    }

    public void ObjectDone(ProcessingOutcome outcome)
    {
        lock (_gate)
        {
            _done++;
            _rows += outcome.RowsIn;
            _bytes += outcome.BytesIn;
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
            var mbps = _bytes / 1e6 / seconds;
            var eta = _bytes == 0 ? "?" : TimeSpan.FromSeconds(Math.Max(0, (_totalBytes - _bytes) / (_bytes / seconds))).ToString(@"m\:ss", CultureInfo.InvariantCulture);
            var status = outcome.Status.ToString().ToLowerInvariant();
            if (interactive)
            {
                var width = 24;
                var filled = _total == 0 ? width : _done * width / _total;
                error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', width - filled)}] {_done}/{_total} objects  {_rows:N0} rows  {mbps:F1} MB/s  ETA {eta}   "));
            }
            else
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_done}/{_total}] {status,-11} {outcome.Key}  {outcome.RowsIn:N0} rows  {mbps:F1} MB/s{(outcome.Reason is null ? string.Empty : "  (" + outcome.Reason + ")")}"));
            }
        }
    }

    public void Stop()
    {
        if (interactive && _total > 0)
        {
            error.WriteLine();
        }
    }
}
