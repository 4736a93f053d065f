using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;

namespace ServerlessPrep.Core.Tests.Cleaning;

/// <summary>A pipeline fitted on a reference batch, created for that batch's schema.</summary>
internal sealed class PreparationPipelineHarness(DatasetSpec spec, RowBatch reference)
{
    public PreparationPipeline Pipeline { get; } = Fixtures.Pipeline(spec, reference);
}
