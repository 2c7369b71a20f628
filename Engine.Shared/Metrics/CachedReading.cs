namespace ActorQueue.Metrics;

/// <summary>
/// A gauge's figures that cost a query (the ledger's counts, the shard regions' answers): read at most once per
/// <c>maxAge</c>, one read at a time shared by every waiter. A scrape awaits <see cref="RefreshAsync"/> so that it
/// shows current figures; an observable gauge's callback, which cannot wait, takes <see cref="Current"/> and starts
/// a refresh in the background. A failed read leaves <c>empty</c>: no figures rather than stale ones.
/// </summary>
internal sealed class CachedReading<T>(Func<Task<T>> read, T empty, TimeSpan maxAge, TimeProvider time, Action<Exception> failed)
{
    private readonly Lock _lock = new();
    private readonly T _empty = empty;
    private T _current = empty;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Task? _reading;

    /// <summary>The last figures read, after starting a refresh if they are too old.</summary>
    public T Current
    {
        get
        {
            _ = RefreshAsync(CancellationToken.None);
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Reads the figures unless they are younger than the maximum age; the caller may stop waiting, the read goes on.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (time.GetUtcNow() - _readAt < maxAge)
            {
                return Task.CompletedTask;
            }
            if (_reading is not { IsCompleted: false })
            {
                _reading = ReadAsync();
            }
            return _reading.WaitAsync(cancellationToken);
        }
    }

    private async Task ReadAsync()
    {
        T value;
        try
        {
            value = await read();
        }
        catch (Exception exception)
        {
            failed(exception);
            value = _empty;
        }
        lock (_lock)
        {
            _current = value;
            _readAt = time.GetUtcNow();
        }
    }
}
