using System.CommandLine;
using AkkaCompute.Cli.Running;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc run JOBFILE</c>: runs a job on an in-process node with the embedded SQLite store.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var job = new Argument<FileInfo>("JOBFILE") { Description = "the job file (HOCON or JSON): tasks, defaults, dependencies, generators" };
        var config = CommonOptions.Config();
        var db = CommonOptions.Db();
        var dataDir = CommonOptions.DataDir();
        var json = CommonOptions.Json();
        var workers = new Option<int?>("--workers", "-w") { Description = "executors running tasks at once (akc.executor.max-concurrent; default: cores)" };
        var output = new Option<string?>("--output", "-o") { Description = "results file, one JSON object per task (default: the job's output, else <data-dir>/<job>.results.jsonl)" };
        var noProgress = new Option<bool>("--no-progress") { Description = "no live progress bar (periodic progress lines go to stderr instead)" };
        var set = new Option<string[]>("--set") { Description = "NAME=VALUE for the job file's ${NAME} / ${?NAME} substitutions (repeatable; overrides the environment; a NAME the job file does not read is refused)" };
        var contacts = ContactClient.Option(required: false);
        contacts.Description = "run the job on a running cluster instead of a node in this process: " + contacts.Description + "; the same progress, summary, results file and exit codes";
        var command = new Command("run", "Run a job on this machine. Killed or failed and run again with the same data directory, it resumes: succeeded tasks are not run again, failed ones are. Ctrl+C stops it (exit 130) after writing the results so far; a second Ctrl+C ends it at once.")
        {
            job, config, db, dataDir, json, workers, output, noProgress, set, contacts,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var signals = new InterruptSignals(ct);
            return await new JobRunner(stdout, stderr, new RunOptions(
                parse.GetValue(job)!,
                parse.GetValue(config),
                CommonOptions.Overrides(parse.GetValue(db), parse.GetValue(dataDir), parse.GetValue(workers)),
                parse.GetValue(output),
                parse.GetValue(json),
                !parse.GetValue(noProgress),
                ParseVariables(parse.GetValue(set) ?? []),
                parse.GetValue(contacts) ?? [])).RunAsync(signals.Token);
        });
        command.Validators.Add(result =>
        {
            foreach (var v in result.GetValue(set) ?? [])
            {
                if (v.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--set expects NAME=VALUE, got '{v}'");
                }
            }
        });
        return command;
    }

    /// <summary>NAME=VALUE pairs of <c>--set</c> (the last one wins for a name; entries without '=' are left out, the validator reports them).</summary>
    internal static IReadOnlyDictionary<string, string> ParseVariables(string[] values) =>
        values.Where(v => v.IndexOf('=', StringComparison.Ordinal) > 0)
            .Select(v => (Name: v[..v.IndexOf('=', StringComparison.Ordinal)], Value: v[(v.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
}

/// <summary>What <c>akc run</c> was asked to do.</summary>
/// <param name="JobFile">The job file.</param>
/// <param name="ConfigFile">The settings file, if any.</param>
/// <param name="Overrides">Settings from flags.</param>
/// <param name="OutputPath">The results file, if given.</param>
/// <param name="Json">Machine-readable output.</param>
/// <param name="Progress">Show live progress.</param>
/// <param name="Variables">Values for the job file's substitutions, ahead of the environment.</param>
/// <param name="Contacts">Cluster members to run the job on (through ClusterClient); empty: a node in this process.</param>
internal sealed record RunOptions(FileInfo JobFile, FileInfo? ConfigFile, IReadOnlyDictionary<string, string> Overrides, string? OutputPath, bool Json, bool Progress, IReadOnlyDictionary<string, string> Variables, IReadOnlyList<string>? Contacts = null)
{
    /// <summary>Looks up a substitution: <see cref="Variables"/> first, then the environment.</summary>
    public string? Lookup(string name) => Variables.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);
}
