using System.CommandLine;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc worker</c> (hidden): runs one function task for a node, for <c>isolation = process</c>. It reads a
/// <see cref="WorkerRequest"/> (JSON) on stdin, runs the function with no cancellation (the node kills the process at
/// the deadline) and writes a <see cref="WorkerResponse"/> (JSON) on stdout.
/// </summary>
internal static class WorkerCommandLine
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("worker", "Run one function task for a node (isolation = process): a JSON request on stdin, a JSON response on stdout. Started by nodes, not by hand.")
        {
            Hidden = true,
        };
        command.SetAction(async (_, _) =>
            await ProcessIsolatedRunner.ServeAsync(Console.In, stdout, ComputeNode.WorkerRunner));
        return command;
    }

    /// <summary>How a node started from this <c>akc</c> starts a worker: the same program, <c>worker</c>.</summary>
    public static WorkerCommand Self()
    {
        var dll = typeof(AkcApp).Assembly.Location;
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "akc"
            ? new WorkerCommand(process, ["worker"])
            : new WorkerCommand("dotnet", ["exec", dll, "worker"]);
    }
}
