using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Lineage;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Quality;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Splitting;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Core.Writing;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// One object, end to end, once claimed. Without a frozen dataset fit the object is read twice (profile, then prepare with a fit
/// of its own statistics, recorded as such); with one it is read once. Either way memory is bounded by a batch.
/// </summary>
internal sealed class ObjectRun(ProcessorContext context, DatasetMatch match, ObjectCreated created, string runId)
{
    /// <summary>Rows this run reads (a large object's part, see <see cref="LargeObjectParts"/>); null = the whole object.</summary>
    private RowRange? _range;

    private readonly LineageBuilder _lineage = new(runId, "serverlessprep", match.Dataset, context.Lake.Uri, created.Key, context.Output.Uri);

    /// <summary>The version this run reads: every pass opens exactly this one (a newer version fails the run with <see cref="ObjectChangedException"/>).</summary>
    private ObjectInfo? _version;

    internal LineageBuilder Lineage => _lineage;

    public async Task<RunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var info = await context.Lake.GetInfoAsync(created.Key, cancellationToken).ConfigureAwait(false)
            ?? throw new ObjectVanishedException(created.Key);
        _version = info;
        await WriteLineageAsync(_lineage.Start(context.Time.GetUtcNow(), null), cancellationToken).ConfigureAwait(false);

        var declared = match.Spec ?? await context.Fits.GetInferredSpecAsync(match.Dataset, cancellationToken).ConfigureAwait(false);
        var activeFit = await context.Fits.GetActiveAsync(match.Dataset, cancellationToken).ConfigureAwait(false);
        var format = declared?.Format ?? InputFormat.Auto;
        var csv = declared?.Csv ?? new CsvOptions();

        ObjectProfile? profile = null;
        BatchSchema schema;
        if (declared is null || activeFit is null)
        {
            (schema, profile) = await ProfileAsync(format, csv, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            schema = await ReadSchemaAsync(format, csv, cancellationToken).ConfigureAwait(false);
        }

        var schemaVersion = await context.Catalog.RecordSchemaAsync(match.Dataset, schema, created.Key, cancellationToken).ConfigureAwait(false);
        var spec = declared ?? await context.Fits.SaveInferredSpecAsync(DefaultSpecInference.Infer(match.Dataset, schema, profile!.Statistics), cancellationToken).ConfigureAwait(false);
        var fit = activeFit ?? TransformFitter.Fit(spec, schema, profile!.Statistics, FitState.SourceObject, $"object:{created.Key}@{created.VersionToken}", context.Time);

        var prepared = await PrepareAsync(spec, schema, fit, profile is null, format, csv, cancellationToken).ConfigureAwait(false);
        profile ??= prepared.Profile;
        MonitoringVerdict monitoring;
        try
        {
            monitoring = await context.Monitor.EvaluateAsync(match.Dataset, created, spec, profile!.Profile, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await prepared.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var outputs = await WriteOutputsAsync(prepared, profile!, fit, schemaVersion, monitoring, cancellationToken).ConfigureAwait(false);
        var monitoringFacets = ObjectMonitor.LineageFacets(monitoring);
        await context.Catalog.RecordPartitionAsync(match.Dataset, created.Key, profile!.RowCount, schemaVersion.Number, cancellationToken).ConfigureAwait(false);
        var complete = _lineage.Complete(
            context.Time.GetUtcNow(),
            schema,
            prepared.OutputSchema,
            OutputLayout.Features(match),
            prepared.ColumnLineage,
            prepared.RowsOut,
            new Dictionary<string, object?>
            {
                ["fitVersion"] = fit.Version,
                ["fitSource"] = fit.Source,
                ["schemaVersion"] = schemaVersion.Number,
                ["rowsIn"] = profile.RowCount,
                ["rowsOut"] = prepared.RowsOut,
                ["rowsQuarantined"] = prepared.RowsQuarantined,
                ["inputVersion"] = created.VersionToken,
            },
            monitoringFacets.InputFacets,
            monitoringFacets.RunFacets);
        await WriteLineageAsync(complete, cancellationToken).ConfigureAwait(false);
        return new RunResult
        {
            RowsIn = profile.RowCount,
            RowsOut = prepared.RowsOut,
            RowsQuarantined = prepared.RowsQuarantined,
            BytesIn = info.Size,
            Outputs = outputs,
            FitVersion = fit.Version,
            SchemaVersion = schemaVersion.Number.ToString(CultureInfo.InvariantCulture),
            Monitoring = monitoring.IsEmpty ? null : monitoring,
        };
    }

    /// <summary>Pins the version to read and limits every pass to <paramref name="range"/> (one part of a large object).</summary>
    internal ObjectRun ForPart(ObjectInfo version, RowRange range)
    {
        _version = version;
        _range = range;
        return this;
    }

    public Task WriteFailureLineageAsync(string reason, CancellationToken cancellationToken)
        => WriteLineageAsync(_lineage.Fail(context.Time.GetUtcNow(), reason), cancellationToken);

    private async Task<IBatchReader> OpenAsync(InputFormat format, CsvOptions csv, CancellationToken cancellationToken)
    {
        var stream = await context.Lake.OpenReadAsync(_version!, cancellationToken).ConfigureAwait(false);
        try
        {
            var reader = await BatchReaderFactory.OpenAsync(stream, created.Key, format, csv, context.Options.Reader, cancellationToken).ConfigureAwait(false);
            return _range is { } range ? new RowRangeReader(reader, range) : reader;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal async Task<BatchSchema> ReadSchemaAsync(InputFormat format, CsvOptions csv, CancellationToken cancellationToken)
    {
        await using var reader = await OpenAsync(format, csv, cancellationToken).ConfigureAwait(false);
        return new PartitionColumns(created, reader.Schema).Schema;
    }

    internal async Task<(BatchSchema Schema, ObjectProfile Profile)> ProfileAsync(InputFormat format, CsvOptions csv, CancellationToken cancellationToken)
    {
        await using var reader = await OpenAsync(format, csv, cancellationToken).ConfigureAwait(false);
        var partitions = new PartitionColumns(created, reader.Schema);
        var profiler = new ObjectProfiler();
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            profiler.Add(partitions.Extend(batch));
        }

        return (partitions.Schema, new ObjectProfile(profiler.ToProfile()));
    }

    internal async Task<PreparedObject> PrepareAsync(DatasetSpec spec, BatchSchema schema, FitState fit, bool profileWhileReading, InputFormat format, CsvOptions csv, CancellationToken cancellationToken)
    {
        await using var reader = await OpenAsync(format, csv, cancellationToken).ConfigureAwait(false);
        var partitions = new PartitionColumns(created, reader.Schema);
        var pipeline = PreparationPipeline.Create(spec, partitions.Schema, fit);
        if (pipeline.NeedsKeyPass)
        {
            await ObserveKeysAsync(pipeline, format, csv, cancellationToken).ConfigureAwait(false);
        }

        var profiler = profileWhileReading ? new ObjectProfiler() : null;
        var online = context.Options.WriteOnlineFeatures && spec.EntityColumn is { } entity && spec.EventTimeColumn is { } eventTime
            ? new OnlineFeatureCollector(match.Dataset, entity, eventTime)
            : null;
        var quarantine = new QuarantineRowsWriter(context.Options.TempDirectory);
        var featureFiles = new List<Stream>();
        var splits = new Dictionary<string, long>(StringComparer.Ordinal);
        long rowsOut = 0;
        ParquetBatchWriter? writer = null;
        try
        {
            writer = await FeaturesWriterAsync(null, featureFiles, pipeline.OutputSchema, fit, cancellationToken).ConfigureAwait(false);
            await foreach (var raw in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = partitions.Extend(raw);
                profiler?.Add(batch);
                foreach (var slice in RowBatchSlicer.Slices(batch, context.Options.PrepareSliceRows))
                {
                    var result = pipeline.Apply(slice);
                    quarantine.Add(result.Rejected);
                    if (result.Features.RowCount > 0)
                    {
                        writer = await FeaturesWriterAsync(writer, featureFiles, pipeline.OutputSchema, fit, cancellationToken).ConfigureAwait(false);
                        await writer.WriteAsync(result.Features, cancellationToken).ConfigureAwait(false);
                        online?.Add(result.Features);
                        CountSplits(result.Features, splits);
                        rowsOut += result.Features.RowCount;
                    }
                }
            }
        }
        catch
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var file in featureFiles)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        await writer.DisposeAsync().ConfigureAwait(false);
        pipeline.CompleteObject();
        foreach (var file in featureFiles)
        {
            file.Position = 0;
        }

        return new PreparedObject
        {
            FeatureFiles = featureFiles,
            Quarantine = quarantine,
            Online = online,
            OutputSchema = pipeline.OutputSchema,
            ColumnLineage = pipeline.Lineage.Select(l => (l.OutputColumn, (IReadOnlyList<string>)l.InputColumns, l.Transform)).ToList(),
            Counters = pipeline.Counters,
            RowsOut = rowsOut,
            RowsQuarantined = quarantine.Count,
            SplitCounts = splits,
            Profile = profiler is null ? null : new ObjectProfile(profiler.ToProfile()),
        };
    }

    /// <summary>The writer for the next row group: the current one, or a new file once it holds <see cref="ProcessorOptions.MaxRowGroupsPerFeaturesFile"/> row groups.</summary>
    private async Task<ParquetBatchWriter> FeaturesWriterAsync(
        ParquetBatchWriter? current, List<Stream> files, BatchSchema schema, FitState fit, CancellationToken cancellationToken)
    {
        if (current is not null && current.RowGroupsWritten < context.Options.MaxRowGroupsPerFeaturesFile)
        {
            return current;
        }

        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }

        var file = TempFile.Create(context.Options.TempDirectory, "features");
        files.Add(file);
        return await ParquetBatchWriter.CreateAsync(file, schema, FileMetadata(fit), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dedup keeping the last occurrence needs to know every key before the first row is emitted: one extra read.</summary>
    private async Task ObserveKeysAsync(PreparationPipeline pipeline, InputFormat format, CsvOptions csv, CancellationToken cancellationToken)
    {
        await using var reader = await OpenAsync(format, csv, cancellationToken).ConfigureAwait(false);
        var partitions = new PartitionColumns(created, reader.Schema);
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            pipeline.ObserveKeys(partitions.Extend(batch));
        }
    }

    private async Task<ImmutableArray<string>> WriteOutputsAsync(PreparedObject prepared, ObjectProfile profile, FitState fit, SchemaVersionRecord schemaVersion, MonitoringVerdict monitoring, CancellationToken cancellationToken)
    {
        await using var _ = prepared;
        var outputs = ImmutableArray.CreateBuilder<string>();
        var featuresKey = OutputLayout.Features(match);
        for (var i = 0; i < prepared.FeatureFiles.Count; i++)
        {
            var key = OutputLayout.FeaturesFile(featuresKey, i);
            await context.Output.PutAsync(key, prepared.FeatureFiles[i], cancellationToken).ConfigureAwait(false);
            outputs.Add(key);
        }

        var profileKey = OutputLayout.Profile(match);
        using (var profileJson = new MemoryStream(profile.ToJson(match.Dataset, created.Key, prepared.Counters, monitoring)))
        {
            await context.Output.PutAsync(profileKey, profileJson, cancellationToken).ConfigureAwait(false);
        }

        outputs.Add(profileKey);
        await context.Kv.PutAsync(new KvItem(KvKeys.Dataset(match.Dataset), KvKeys.Profile(created.Key), profile.ToBinary()), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);

        var rejected = prepared.Quarantine.Content();
        var rowsKey = OutputLayout.QuarantinedRows(match);
        if (rejected is not null)
        {
            await context.Output.PutAsync(rowsKey, rejected, cancellationToken).ConfigureAwait(false);
            outputs.Add(rowsKey);
        }
        else
        {
            await context.Output.DeleteAsync(rowsKey, cancellationToken).ConfigureAwait(false);
        }

        if (prepared.Online is { } online)
        {
            await online.WriteAsync(context.Kv, created.Key, cancellationToken).ConfigureAwait(false);
        }

        var manifest = new ObjectManifest
        {
            Dataset = match.Dataset,
            InputKey = created.Key,
            InputVersion = created.VersionToken,
            RunId = runId,
            FitVersion = fit.Version,
            FitSource = fit.Source,
            SchemaVersion = schemaVersion.Number.ToString(CultureInfo.InvariantCulture),
            RowsIn = profile.RowCount,
            RowsOut = prepared.RowsOut,
            RowsQuarantined = prepared.RowsQuarantined,
            SplitCounts = prepared.SplitCounts,
            Outputs = outputs.ToArray(),
            CommittedAt = context.Time.GetUtcNow(),
            Monitoring = monitoring.IsEmpty ? null : monitoring,
        };
        var manifestKey = OutputLayout.Manifest(match);
        using (var manifestJson = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, CoreJsonContext.Readable.ObjectManifest)))
        {
            await context.Output.PutAsync(manifestKey, manifestJson, cancellationToken).ConfigureAwait(false);
        }

        outputs.Add(manifestKey);
        return outputs.ToImmutable();
    }

    /// <summary>Only what the content depends on: the input's version (an ETag with a timestamp) would break byte-identical reruns; it is in the manifest.</summary>
    internal IReadOnlyDictionary<string, string> FileMetadata(FitState fit) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["serverlessprep.dataset"] = match.Dataset,
        ["serverlessprep.input"] = created.Key,
        ["serverlessprep.fitVersion"] = fit.Version,
        ["serverlessprep.fitSource"] = fit.Source,
    };

    private static void CountSplits(RowBatch features, Dictionary<string, long> counts)
    {
        if (features.Find(SplitNames.Column) is not StringColumn split)
        {
            return;
        }

        foreach (var value in split.Values)
        {
            var key = value ?? "none";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    internal async Task WriteLineageAsync(LineageEvent e, CancellationToken cancellationToken)
    {
        var bytes = LineageJsonWriter.ToUtf8(e);
        using var content = new MemoryStream(bytes);
        await context.Output.PutAsync(OutputLayout.Lineage(match, runId, e.EventType), content, cancellationToken).ConfigureAwait(false);
        await context.Kv.PutAsync(new KvItem(KvKeys.Dataset(match.Dataset), $"{KvKeys.Lineage(runId)}#{e.EventType.ToLowerInvariant()}", bytes), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);
    }
}
