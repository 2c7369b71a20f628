using System.Text.Json;
using ActorQueue.Datasets;
using ActorQueue.Datasets.Ingestion;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// What the HTTP API and the TCP listener both do with datasets: create, ingest rows, seal, resume, read. Every
/// change that gives a dataset work nudges its entity once committed; where the entity runs (the dataset's
/// owner) comes from the shard regions themselves.
/// </summary>
internal sealed class DatasetGateway(IStore store, IDatasetStore datasets, RowProcessorRegistry processors, DatasetIngestor ingestor, DatasetOptions options,
    DatasetNudges nudges, DatasetPlacement placement, ILogger<DatasetGateway> logger)
{
    public const int MaxNameLength = 200;

    public async Task<DatasetView> CreateAsync(CreateDatasetRequest? request, CancellationToken cancellationToken)
    {
        if (request?.Name is not { Length: > 0 and <= MaxNameLength } name || string.IsNullOrWhiteSpace(name))
        {
            throw RequestRejectedException.Invalid($"name is required: a non-empty string of at most {MaxNameLength} characters.");
        }
        if (request.Processor is not { Length: > 0 } processorName)
        {
            throw RequestRejectedException.Invalid($"processor is required; this seed knows {Known()}.");
        }
        if (!processors.TryGet(processorName, out var processor))
        {
            throw RequestRejectedException.Invalid($"processor '{processorName}' is not registered; this seed knows {Known()}.");
        }
        var policy = RowErrorPolicy.Fail;
        if (request.OnError is { } onError && !DatasetWords.TryParsePolicy(onError, out policy))
        {
            throw RequestRejectedException.Invalid($"onError must be 'fail' or 'skip', not '{onError}'.");
        }
        var optionsElement = request.Options ?? default;
        try
        {
            // Builds an empty state: the processor refuses unusable options now, not at the first row.
            processor.CreateState(optionsElement);
        }
        catch (DatasetOptionsException exception)
        {
            throw RequestRejectedException.Invalid($"options: {exception.Message}");
        }
        var optionsJson = optionsElement.ValueKind == JsonValueKind.Undefined ? "{}" : optionsElement.GetRawText();
        var info = await datasets.CreateDatasetAsync(new NewDataset(name, processorName, optionsJson, policy), cancellationToken);
        return DatasetViews.From(info, null);
    }

    /// <summary>The dataset; with <paramref name="wait"/>, once it is completed or failed or the wait is over (driven by commit signals).</summary>
    public async Task<DatasetView> GetAsync(string id, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var info = wait is { } budget && budget > TimeSpan.Zero
            ? await WaitForFinalAsync(id, budget < JobGateway.MaxWait ? budget : JobGateway.MaxWait, cancellationToken)
            : await datasets.GetDatasetAsync(id, cancellationToken) ?? throw NotFound(id);
        return DatasetViews.From(info, await placement.HostOfAsync(id, cancellationToken));
    }

    private async Task<DatasetInfo> WaitForFinalAsync(string id, TimeSpan budget, CancellationToken cancellationToken)
    {
        var changed = new AsyncSignal();
        void OnProgress(string datasetId)
        {
            if (datasetId == id)
            {
                changed.Set();
            }
        }
        // Subscribe before reading, so that a commit between the read and the wait is not missed.
        store.Signals.DatasetProgressed += OnProgress;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(budget);
            while (true)
            {
                var info = await datasets.GetDatasetAsync(id, cancellationToken) ?? throw NotFound(id);
                if (info.Status is DatasetStatus.Completed or DatasetStatus.Failed)
                {
                    return info;
                }
                try
                {
                    await changed.WaitAsync(Timeout.InfiniteTimeSpan, deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return await datasets.GetDatasetAsync(id, cancellationToken) ?? throw NotFound(id);
                }
            }
        }
        finally
        {
            store.Signals.DatasetProgressed -= OnProgress;
        }
    }

    public async Task<DatasetListResponse> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var list = await datasets.ListDatasetsAsync(limit, cancellationToken);
        var hosts = await placement.HostsAsync(cancellationToken);
        return new DatasetListResponse(list.Select(d => DatasetViews.From(d, hosts.GetValueOrDefault(d.Id))).ToList());
    }

    /// <summary>Streams an upload into the dataset; a malformed row stops it there (the rows before it stay).</summary>
    public async Task<AppendRowsResponse> IngestAsync(string id, Stream body, UploadFormat format, long? firstSeq, CancellationToken cancellationToken)
    {
        ValidateFirstSeq(firstSeq);
        // Refuse at once what would be refused at the first chunk: unknown or sealed datasets.
        var info = await datasets.GetDatasetAsync(id, cancellationToken) ?? throw NotFound(id);
        if (info.Sealed && firstSeq is null)
        {
            throw Sealed(info);
        }
        var rows = format == UploadFormat.Csv
            ? CsvRowReader.ReadAsync(body, options.MaxRowBytes, cancellationToken)
            : NdjsonRowReader.ReadAsync(body, options.MaxRowBytes, cancellationToken);
        var result = await Translate(() => ingestor.IngestAsync(id, rows, firstSeq, () => nudges.Nudge(id), cancellationToken));
        return new AppendRowsResponse(result.Accepted, result.LastSeq);
    }

    /// <summary>The TCP <c>rows</c> op: a small batch of JSON objects.</summary>
    public async Task<AppendRowsResponse> AppendAsync(string? id, IReadOnlyList<JsonElement>? rows, long? firstSeq, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw RequestRejectedException.Invalid("dataset is required: the id returned when the dataset was created.");
        }
        if (rows is null)
        {
            throw RequestRejectedException.Invalid("rows is required: an array of JSON objects.");
        }
        ValidateFirstSeq(firstSeq);
        var texts = new List<string>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].ValueKind != JsonValueKind.Object)
            {
                throw RequestRejectedException.Invalid($"rows[{i}] is a JSON {rows[i].ValueKind.ToString().ToLowerInvariant()}; each row must be an object. Nothing was stored.");
            }
            texts.Add(rows[i].GetRawText());
        }
        var result = await Translate(() => datasets.AppendRowsAsync(id, firstSeq, texts, cancellationToken));
        if (result.Accepted > 0)
        {
            nudges.Nudge(id);
        }
        return new AppendRowsResponse(result.Accepted, result.LastSeq);
    }

    public async Task<DatasetView> SealAsync(string id, CancellationToken cancellationToken)
    {
        var before = await datasets.GetDatasetAsync(id, cancellationToken) ?? throw NotFound(id);
        var info = await Translate(() => datasets.SealDatasetAsync(id, cancellationToken));
        nudges.Nudge(id);
        if (!before.Sealed && info.Status == DatasetStatus.Completed)
        {
            // Every row was already processed, so the seal itself completed the dataset (an empty one, or one
            // whose rows all came before the seal): no dataset actor is left to say so. The actor logs the
            // other completions, when it commits the last row of a sealed dataset.
            DatasetLog.Completed(logger, info.Id, info.RowsProcessed);
        }
        return DatasetViews.From(info, null);
    }

    public async Task<DatasetView> ResumeAsync(string id, ResumeDatasetRequest? request, CancellationToken cancellationToken)
    {
        RowErrorPolicy? policy = null;
        if (request?.OnError is { } onError)
        {
            policy = DatasetWords.TryParsePolicy(onError, out var parsed) ? parsed : throw RequestRejectedException.Invalid($"onError must be 'fail' or 'skip', not '{onError}'.");
        }
        var info = await Translate(() => datasets.ResumeDatasetAsync(id, policy, cancellationToken));
        nudges.Nudge(id);
        return DatasetViews.From(info, null);
    }

    public async Task<IReadOnlyList<StoredRow>> ResultsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        if (afterSeq < 0)
        {
            throw RequestRejectedException.Invalid($"afterSeq must be 0 or more, not {afterSeq}.");
        }
        _ = await datasets.GetDatasetAsync(id, cancellationToken) ?? throw NotFound(id);
        return await datasets.ReadResultsAsync(id, afterSeq, limit, cancellationToken);
    }

    private static async Task<T> Translate<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DatasetNotFoundException exception)
        {
            throw new RequestRejectedException(404, "Dataset not found", exception.Message);
        }
        catch (DatasetConflictException exception)
        {
            throw RequestRejectedException.Conflict("Dataset conflict", exception.Message);
        }
        catch (UploadRejectedException exception)
        {
            throw new RequestRejectedException(400, "Malformed row", exception.Message);
        }
    }

    private static void ValidateFirstSeq(long? firstSeq)
    {
        if (firstSeq is < 1)
        {
            throw RequestRejectedException.Invalid($"firstSeq must be 1 or more, not {firstSeq}.");
        }
    }

    private static RequestRejectedException NotFound(string id) =>
        new(404, "Dataset not found", $"No dataset has the id '{id}'.");

    private static RequestRejectedException Sealed(DatasetInfo info) =>
        RequestRejectedException.Conflict("Dataset conflict", $"Dataset {info.Id} is sealed: it takes no more rows (it has {info.RowsReceived}).");

    private string Known() => processors.Names.Count == 0 ? "no processors" : string.Join(", ", processors.Names.Order(StringComparer.Ordinal));
}

internal enum UploadFormat
{
    Csv,
    Ndjson,
}
