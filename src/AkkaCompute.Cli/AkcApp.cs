using System.CommandLine;
using AkkaCompute.Cli.Commands;

namespace AkkaCompute.Cli;

/// <summary>
/// The <c>akc</c> command line: <c>run</c>, <c>submit</c>, <c>cancel</c>, <c>clock</c>, <c>status</c>, <c>history</c>, <c>functions</c>, <c>node</c>, <c>cluster</c>, <c>actor</c>, <c>log</c>, <c>top</c>, <c>help</c>, <c>sim</c>, <c>mcp</c> and the hidden <c>worker</c>.
/// Exit codes: 0 success, 1 a task failed (run) or the command failed, 2 bad input (job file,
/// settings, arguments), 130 interrupted (Ctrl+C).
/// </summary>
public static class AkcApp
{
    /// <summary>Exit code for success.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code when a task failed or the command could not complete.</summary>
    public const int ExitFailed = 1;

    /// <summary>Exit code for bad input: job file, settings or arguments.</summary>
    public const int ExitBadInput = 2;

    /// <summary>Exit code of <c>akc run</c> interrupted by Ctrl+C (128 + SIGINT); its unfinished tasks resume on the next run.</summary>
    public const int ExitInterrupted = 130;

    /// <summary>Parses <paramref name="args"/> and runs the command, writing to the given streams.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = new RootCommand("akc: run .NET functions, shell commands and workflows as jobs on this machine (akc run) or on a cluster (akc submit, akc run --contact), start and manage the cluster's members (akc node, akc cluster, akc status|cancel|clock --contact), serve the cluster to AI assistants over the Model Context Protocol (akc mcp), and replay a seeded simulation of the placement protocol (akc sim).")
        {
            RunCommand.Create(stdout, stderr),
            SubmitCommand.Create(stdout, stderr),
            CancelCommand.Create(stdout, stderr),
            ClockCommand.Create(stdout, stderr),
            MemoryCommand.Create(stdout, stderr),
            StatusCommand.Create(stdout, stderr),
            HistoryCommand.Create(stdout, stderr),
            FunctionsCommand.Create(stdout, stderr),
            NodeCommand.Create(stdout, stderr),
            ClusterCommand.Create(stdout, stderr),
            ActorCommand.Create(stdout, stderr),
            LogCommand.Create(stdout, stderr),
            TopCommand.Create(stdout, stderr),
            SimCommand.Create(stdout, stderr),
            McpCommand.Create(stdout, stderr),
            WorkerCommandLine.Create(stdout, stderr),
        };

        root.Subcommands.Add(HelpCommand.Create(root, stdout, stderr));
        Hosting.Node.ComputeNode.WorkerCommand ??= WorkerCommandLine.Self();

        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        try
        {
            var code = await parse.InvokeAsync(config, cancellationToken);
            return parse.Errors.Count > 0 ? ExitBadInput : code;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("akc: cancelled");
            return ExitFailed;
        }
    }
}
