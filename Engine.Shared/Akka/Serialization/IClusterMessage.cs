namespace ActorQueue.Akka.Serialization;

/// <summary>
/// A message that crosses the network between members: bound to <see cref="ClusterMessageSerializer"/>, so it
/// travels as JSON under a stable manifest name (<see cref="ClusterMessageManifests"/>), never as a CLR type
/// name that a rename would break.
/// </summary>
public interface IClusterMessage;
