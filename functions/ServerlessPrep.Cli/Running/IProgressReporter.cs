using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Cli.Running;

/// <summary>Where a run reports progress (a live bar on a terminal, plain lines otherwise). Always stderr: stdout is for results.</summary>
internal interface IProgressReporter
{
    void Start(int objects, long bytes);

    void ObjectDone(ProcessingOutcome outcome);

    void Stop();
}
