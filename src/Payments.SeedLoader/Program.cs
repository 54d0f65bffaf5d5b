using Payments.SeedLoader;

return await SeedLoaderCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
