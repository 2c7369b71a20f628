namespace ActorQueue.Datasets;

/// <summary>Thrown by <see cref="IRowProcessor.CreateState"/> when a dataset's options are unusable.</summary>
public sealed class DatasetOptionsException(string message) : Exception(message);
