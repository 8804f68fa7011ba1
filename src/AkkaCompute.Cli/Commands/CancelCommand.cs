using System.CommandLine;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc cancel TASKID... --contact ADDR</c>: cancels tasks at their home, which stops them wherever they run.</summary>
internal static class CancelCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var ids = new Argument<string[]>("TASKID") { Description = "the tasks to cancel (one or more)", Arity = ArgumentArity.OneOrMore };
        var contacts = ContactClient.Option(required: true);
        var json = CommonOptions.Json();
        var command = new Command("cancel", "Cancel tasks of a running cluster at their home (the member that accepted them, reached through --contact); a queued task is dropped, a running one is stopped on the member running it. Exit 0 when every task was cancelled, 1 when one was unknown or already finished.")
        {
            ids, contacts, json,
        };
        command.SetAction((parse, ct) => ContactClient.RunAsync("akc cancel", parse.GetValue(contacts) ?? [], stderr, async client =>
        {
            var results = new List<Compute.Protocol.CancelResult>();
            foreach (var id in parse.GetValue(ids) ?? [])
            {
                results.Add(await client.CancelAsync(id, ct));
            }

            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(CliJson.Serialize(results.Select(r => new { id = r.TaskId, cancelled = r.Cancelled, reason = r.Reason })));
            }
            else
            {
                foreach (var r in results)
                {
                    await stdout.WriteLineAsync(r.Cancelled ? $"{r.TaskId}: cancelled" : $"{r.TaskId}: not cancelled: {r.Reason}");
                }
            }

            return results.All(r => r.Cancelled) ? AkcApp.ExitOk : AkcApp.ExitFailed;
        }, ct));
        return command;
    }
}
