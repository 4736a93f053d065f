using System.Collections.Immutable;

namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Quality.Rules;
using ServerlessPrep.Core.Splitting;

/// <summary>Everything <see cref="PreparationPipeline"/> decided from (spec, input schema, fit) before reading data.</summary>
internal sealed record PipelinePlan(
    ColumnPlan[] Columns,
    (CrossFeaturizer Featurizer, int[] Inputs)[] Crosses,
    RuleSet Rules,
    ObjectRules ObjectRules,
    Deduplicator? Dedup,
    SplitAssigner Split,
    BatchSchema Output,
    ImmutableArray<ColumnLineage> Lineage,
    ImmutableArray<SchemaChange> SchemaChanges);
