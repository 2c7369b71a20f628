return await ActorQueue.Seed.Startup.SeedApp.RunAsync(args);
