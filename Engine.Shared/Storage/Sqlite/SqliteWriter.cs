using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// SQLite allows one writer at a time, so every write goes through this single loop, which groups
/// whatever is waiting into one transaction (group commit): one fsync-free WAL commit for many
/// submissions, claims and completions. An operation that writes with more than one statement runs
/// inside its own savepoint, so one that fails does not undo the others; a single statement is atomic
/// by itself and needs none.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxOperationsPerTransaction = 2048;

    private readonly SqliteConnection _connection;
    private readonly Channel<WriteOperation> _operations;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _operations = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(65536)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next group transaction and answers after it commits. Set
    /// <paramref name="multiStatement"/> when the work writes with more than one statement.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<SqliteWriteBatch, T> work, CancellationToken cancellationToken, bool multiStatement = false)
    {
        var operation = new WriteOperation<T>(work, multiStatement);
        await _operations.Writer.WriteAsync(operation, cancellationToken);
        return await operation.Completion;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(MaxOperationsPerTransaction);
        var reader = _operations.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxOperationsPerTransaction && reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<WriteOperation> batch)
    {
        var context = new SqliteWriteBatch(this);
        try
        {
            Command("BEGIN IMMEDIATE").ExecuteNonQuery();
            foreach (var operation in batch)
            {
                Run(operation, context);
            }
            Command("COMMIT").ExecuteNonQuery();
        }
        catch (Exception exception)
        {
            // The transaction itself failed (disk full, I/O error): nothing in it was written.
            TryRollback();
            foreach (var operation in batch)
            {
                operation.Fail(exception);
                operation.Finish();
            }
            return;
        }
        // Signals first, answers second: when a caller's await returns, what it did has been announced.
        context.RunAfterCommit();
        foreach (var operation in batch)
        {
            operation.Finish();
        }
    }

    private void Run(WriteOperation operation, SqliteWriteBatch context)
    {
        if (!operation.MultiStatement)
        {
            try
            {
                operation.Run(context);
            }
            catch (Exception exception)
            {
                operation.Fail(exception);
            }
            return;
        }
        Command("SAVEPOINT op").ExecuteNonQuery();
        try
        {
            operation.Run(context);
            Command("RELEASE op").ExecuteNonQuery();
        }
        catch (Exception exception)
        {
            Command("ROLLBACK TO op").ExecuteNonQuery();
            Command("RELEASE op").ExecuteNonQuery();
            operation.Fail(exception);
        }
    }

    private void TryRollback()
    {
        try
        {
            Command("ROLLBACK").ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Nothing more can be done; the next BEGIN reports the real problem.
        }
    }

    /// <summary>
    /// A prepared command for <paramref name="sql"/>, reused for the life of the connection. Its parameter
    /// objects are reused too (see <see cref="SqliteCommandExtensions.With"/>): every use binds them all.
    /// </summary>
    internal SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        _operations.Writer.TryComplete();
        await _loop;
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        await _connection.DisposeAsync();
    }
}

/// <summary>What an operation sees while it runs inside the group transaction.</summary>
internal sealed class SqliteWriteBatch(SqliteWriter writer)
{
    private List<Action>? _afterCommit;

    /// <summary>A prepared command; bind every parameter it uses.</summary>
    public SqliteCommand Command(string sql) => writer.Command(sql);

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (signals, never before).</summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    public void RunAfterCommit()
    {
        if (_afterCommit is null)
        {
            return;
        }
        foreach (var action in _afterCommit)
        {
            try
            {
                action();
            }
            catch (Exception)
            {
                // A notification subscriber failed; the commit stands and every caller must still be answered.
            }
        }
    }
}

internal abstract class WriteOperation(bool multiStatement)
{
    public bool MultiStatement { get; } = multiStatement;

    public abstract void Run(SqliteWriteBatch batch);

    /// <summary>Remembers the first failure; the operation's caller sees it once <see cref="Finish"/> runs.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Answers the caller: the result, or the failure.</summary>
    public abstract void Finish();
}

internal sealed class WriteOperation<T>(Func<SqliteWriteBatch, T> work, bool multiStatement) : WriteOperation(multiStatement)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;
    private Exception? _failure;

    public Task<T> Completion => _completion.Task;

    public override void Run(SqliteWriteBatch batch) => _result = work(batch);

    public override void Fail(Exception exception) => _failure ??= exception;

    public override void Finish()
    {
        if (_failure is null)
        {
            _completion.TrySetResult(_result);
        }
        else
        {
            _completion.TrySetException(_failure);
        }
    }
}
