return await ActorQueue.Seed.ActorQueueSeed.RunAsync(args);
