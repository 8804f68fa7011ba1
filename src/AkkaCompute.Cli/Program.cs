using AkkaCompute.Cli;

return await AkcApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
