// Submits a small job to a running AkkaCompute cluster and prints each result as it arrives.
// Usage: dotnet run --project examples/client -- akka.tcp://akc@127.0.0.1:2551 [more contacts...]
using System.Text.Json;
using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;

var contacts = args.Length > 0 ? args : ["akka.tcp://akc@127.0.0.1:2551"];
try
{
    await using var client = await ComputeClient.ConnectAsync(contacts);
    Console.WriteLine($"connected; members: {string.Join(", ", await client.MembersAsync())}");

    // Ten shell tasks (each prints the pid of the node that ran it) and one .NET function (a built-in).
    var tasks = Enumerable.Range(0, 10)
        .Select(i => new TaskSpec { Id = $"where-{i}", Kind = TaskKind.Shell, Command = "echo ran in node pid $PPID" })
        .Append(new TaskSpec { Id = "hash", Function = "sha256", Args = JsonDocument.Parse("""{"text":"hello"}""").RootElement.Clone() })
        .ToList();
    var outcome = await client.SubmitAsync(tasks, jobId: "client-example");
    Console.WriteLine($"job {outcome.JobId}: {outcome.Accepted.Count} accepted, {outcome.AlreadyKnown.Count} already known");

    // The event stream: each result once, in the order the tasks finish (pushed by the contact member).
    await foreach (var result in client.WatchResultsAsync(tasks.Select(t => t.Id).ToList()))
    {
        Console.WriteLine($"{result.TaskId}: {result.State} {result.Output?.GetRawText() ?? result.Error}");
    }

    // A per-task awaitable: the result of one task (already finished here, so it comes at once).
    var hash = await client.WaitForResultAsync("hash");
    Console.WriteLine($"hash again: {hash.Output?.GetRawText()}");

    return 0;
}
catch (ClusterUnreachableException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (SubmissionException e)
{
    Console.Error.WriteLine(e.Message);
    return e.Refused ? 2 : 1;
}
