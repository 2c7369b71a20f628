return await ActorQueue.Node.Startup.NodeApp.RunAsync(args);
