namespace ActorQueue.Inference.Model;

/// <summary>
/// The session options the engine sets on every ONNX Runtime session: threads inside an operator (one
/// session per inference actor, so per actor), the graph optimisation level (0, 1, 2 or 99, as ONNX
/// Runtime numbers them) and whether its threads spin while waiting.
/// </summary>
internal sealed record OrtSessionSettings(int IntraOpThreads, int GraphOptimizationLevel, bool AllowSpinning);
