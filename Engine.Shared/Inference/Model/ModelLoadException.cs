namespace ActorQueue.Inference.Model;

/// <summary>
/// The model cannot serve as an image classifier: the file is missing, is not an ONNX model, or its input
/// or output has the wrong type or shape. The message is one sentence saying which, and what was expected.
/// </summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }

    public ModelLoadException(string message, Exception innerException) : base(message, innerException) { }

    public ModelLoadException() : base("The model could not be loaded.") { }
}
