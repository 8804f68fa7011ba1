using System.CommandLine;
using AkkaCompute.Cli.Running;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc submit JOBFILE --contact ADDR</c>: submits a job to a running cluster through ClusterClient.</summary>
internal static class SubmitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var job = new Argument<FileInfo>("JOBFILE") { Description = "the job file (HOCON or JSON), checked here before anything is sent" };
        var contacts = new Option<string[]>("--contact")
        {
            Description = "a cluster member's address as akc node prints it (akka.tcp://akc@HOST:PORT, or HOST:PORT); repeat it so the client can fail over",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var wait = new Option<bool>("--wait") { Description = "wait until every task has finished and exit 0 only if all succeeded (1 otherwise)" };
        var set = new Option<string[]>("--set") { Description = "NAME=VALUE for the job file's ${NAME} / ${?NAME} substitutions (repeatable)" };
        var command = new Command("submit", "Submit a job to a running cluster (through Akka's ClusterClient to the members' receptionists) and print its job id. The member that accepts it is the tasks' home: it journals them before the acknowledgement and places each task on its owner among the members. Submitting the same job again is safe: known tasks are not run twice.")
        {
            job, contacts, config, json, wait, set,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var signals = new InterruptSignals(ct);
            var variables = RunCommand.ParseVariables(parse.GetValue(set) ?? []);
            var options = new RunOptions(parse.GetValue(job)!, parse.GetValue(config), new Dictionary<string, string>(), null, parse.GetValue(json), false, variables);
            return await new JobSubmitter(stdout, stderr, options, parse.GetValue(contacts) ?? [], parse.GetValue(wait)).RunAsync(signals.Token);
        });
        return command;
    }
}
