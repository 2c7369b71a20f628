namespace ActorQueue.Actors;

/// <summary>
/// A message in a mailbox. <see cref="Reply"/> is set for an Ask; the actor only ever sees
/// <see cref="Message"/>, and <see cref="ActorContext.Respond"/> completes <see cref="Reply"/>.
/// </summary>
internal readonly record struct Envelope(object Message, TaskCompletionSource<object?>? Reply);
