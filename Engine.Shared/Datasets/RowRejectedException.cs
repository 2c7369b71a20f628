namespace ActorQueue.Datasets;

/// <summary>
/// Thrown by a processor for a row it cannot apply. The dataset's <see cref="RowErrorPolicy"/> decides what
/// happens: <c>fail</c> stops the dataset at that row, <c>skip</c> records the error and goes on.
/// </summary>
public sealed class RowRejectedException(string message) : Exception(message);
