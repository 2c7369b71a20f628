namespace ActorQueue.Inference.Batching;

/// <summary>
/// The requests waiting for a run, oldest first, and the batching rule: take up to <c>maxBatch</c> at
/// once; when fewer are waiting, wait for more until the oldest has waited <c>maxDelay</c> (zero: never
/// wait). A request marked <see cref="InferenceRequest.RunAlone"/> goes first and alone. Cancelled
/// requests are dropped when met. One taker at a time (the batcher's loop); any number of writers.
/// </summary>
internal sealed class BatchQueue(int maxBatch, TimeSpan maxDelay, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _maxBatch = maxBatch;
    private readonly LinkedList<InferenceRequest> _waiting = new();
    private TaskCompletionSource _arrival = NewSignal();

    /// <summary>Requests waiting now (cancelled ones included until they are met).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Lowers the batch limit to <paramref name="max"/>: a model whose batch dimension is fixed takes no more.</summary>
    public void CapAt(int max)
    {
        lock (_lock)
        {
            _maxBatch = Math.Min(_maxBatch, max);
        }
    }

    public void Enqueue(InferenceRequest request)
    {
        lock (_lock)
        {
            _waiting.AddLast(request);
            _arrival.TrySetResult();
        }
    }

    /// <summary>Puts requests back at the head in their original order; with <paramref name="alone"/> each will run by itself.</summary>
    public void Requeue(IReadOnlyList<InferenceRequest> requests, bool alone)
    {
        lock (_lock)
        {
            for (var i = requests.Count - 1; i >= 0; i--)
            {
                requests[i].RunAlone |= alone;
                _waiting.AddFirst(requests[i]);
            }
            _arrival.TrySetResult();
        }
    }

    /// <summary>Waits for the next batch by the rule above; never returns an empty batch.</summary>
    public async Task<IReadOnlyList<InferenceRequest>> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrival;
            TimeSpan wait;
            lock (_lock)
            {
                DropFinishedHead();
                if (_waiting.Count > 0)
                {
                    wait = RemainingDelay();
                    if (wait <= TimeSpan.Zero || _waiting.Count >= _maxBatch || _waiting.First!.Value.RunAlone)
                    {
                        return TakeBatch();
                    }
                }
                else
                {
                    wait = Timeout.InfiniteTimeSpan;
                }
                arrival = NextArrival();
            }
            await WaitAsync(arrival, wait, cancellationToken);
        }
    }

    /// <summary>Takes every waiting request (for failing them when the pool stops).</summary>
    public IReadOnlyList<InferenceRequest> TakeAll()
    {
        lock (_lock)
        {
            var all = _waiting.ToList();
            _waiting.Clear();
            return all;
        }
    }

    private TimeSpan RemainingDelay() =>
        maxDelay <= TimeSpan.Zero ? TimeSpan.Zero : maxDelay - time.GetElapsedTime(_waiting.First!.Value.EnqueuedAt);

    private List<InferenceRequest> TakeBatch()
    {
        var head = _waiting.First!.Value;
        _waiting.RemoveFirst();
        var batch = new List<InferenceRequest> { head };
        while (!head.RunAlone && batch.Count < _maxBatch && _waiting.First is { } next && !next.Value.RunAlone)
        {
            _waiting.RemoveFirst();
            if (!next.Value.IsFinished)
            {
                batch.Add(next.Value);
            }
        }
        return batch;
    }

    private void DropFinishedHead()
    {
        while (_waiting.First is { Value.IsFinished: true })
        {
            _waiting.RemoveFirst();
        }
    }

    private Task NextArrival()
    {
        if (_arrival.Task.IsCompleted)
        {
            _arrival = NewSignal();
        }
        return _arrival.Task;
    }

    private async Task WaitAsync(Task arrival, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            await arrival.WaitAsync(cancellationToken);
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, time, timeout.Token);
        await Task.WhenAny(arrival, delay);
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
