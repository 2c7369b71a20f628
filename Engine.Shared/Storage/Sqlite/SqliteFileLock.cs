namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// An exclusive lock on <c>PATH.lock</c> held for the life of the store. It is what lets the embedded
/// node treat every other member recorded in the file as dead: no other process can be using it.
/// </summary>
internal sealed class SqliteFileLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream) => _stream = stream;

    public static SqliteFileLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            // FileShare.None takes an flock(LOCK_EX) on Unix; the kernel drops it when the process dies.
            return new SqliteFileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException exception)
        {
            throw new StoreUnavailableException(
                $"Another ActorQueue process is using {databasePath} (it holds {lockPath}). Stop it, or give this one another --store.",
                exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new StoreUnavailableException($"Cannot create {lockPath}: {exception.Message}", exception);
        }
    }

    public void Dispose() => _stream.Dispose();
}
