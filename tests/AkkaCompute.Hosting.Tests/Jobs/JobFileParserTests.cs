using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Jobs;
using static AkkaCompute.Hosting.Tests.Jobs.JobFixture;

namespace AkkaCompute.Hosting.Tests.Jobs;

public sealed class JobFileParserTests : IDisposable
{
    private readonly JobFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private const string Example = """
        job { name = "hash-tree" }
        defaults { timeout = 30s, max-retries = 2, priority = 0 }
        tasks = [
          { id = "a", function = "sha256", args { file = "/etc/hostname" } }
          { id = "b", shell = "gzip -c x > x.gz", timeout = 5s, priority = 5, inputs = ["x"], env { K = V }, cwd = "/tmp" }
          { id = "c", function = "merge", args = [ { "$ref" = "a" }, { "$ref" = "b.stdout" } ], depends-on = ["a"] }
        ]
        """;

    [Fact]
    public void The_example_job_parses_with_defaults_applied()
    {
        var job = _fx.Parse(Example);
        Assert.Equal("hash-tree", job.Name);
        Assert.Equal(["a", "b", "c"], job.Tasks.Select(t => t.Id));
        var (a, b, c) = (job.Tasks[0], job.Tasks[1], job.Tasks[2]);

        Assert.Equal((TaskKind.Function, "sha256"), (a.Kind, a.Function));
        Assert.Equal("""{"file":"/etc/hostname"}""", a.Args.GetRawText());
        Assert.Equal((TimeSpan.FromSeconds(30), 2, 0), (a.Timeout, a.MaxRetries, a.Priority));

        Assert.Equal((TaskKind.Shell, "gzip -c x > x.gz"), (b.Kind, b.Command));
        Assert.Equal((TimeSpan.FromSeconds(5), 2, 5), (b.Timeout, b.MaxRetries, b.Priority));
        Assert.Equal("/tmp", b.WorkingDirectory);
        Assert.Equal(["/tmp/x"], b.Inputs);
        Assert.Equal(new Dictionary<string, string> { ["K"] = "V" }, b.Environment);

        Assert.Equal("""[{"$ref":"a"},{"$ref":"b.stdout"}]""", c.Args.GetRawText());
        Assert.Equal(["a"], c.DependsOn);
        Assert.Null(job.OutputPath);
        Assert.Null(job.Workers);
        Assert.Equal(1_000_000, job.MaxTasks);
        Assert.Equal("job.conf", job.SourceFile);
    }

    [Fact]
    public void Json_is_a_job_file_too()
    {
        var job = _fx.Parse("""
            { "job": { "name": "j", "workers": 3 },
              "tasks": [ { "id": "a", "function": "echo", "args": { "n": 1, "s": "1", "b": true, "z": null, "l": [1.5, "x"] } } ] }
            """);
        Assert.Equal(3, job.Workers);
        Assert.Equal("""{"n":1,"s":"1","b":true,"z":null,"l":[1.5,"x"]}""", job.Tasks[0].Args.GetRawText());
    }

    [Fact]
    public void Task_values_and_the_job_block()
    {
        var job = _fx.Parse("""
            job { output = "out/results.jsonl", workers = 8, max-tasks = 10 }
            tasks = [
              { id = "a", function = "noop", cache = false, tags = ["x"], backoff-base = 1s, backoff-max = 10s, max-retries = 0, priority = -3 }
              { id = "b", shell = "true", cwd = "sub" }
            ]
            """);
        Assert.Equal("job", job.Name); // file name without extension
        Assert.Equal(Path.Combine(_fx.Root, "out", "results.jsonl"), job.OutputPath);
        Assert.Equal((8, 10), (job.Workers, job.MaxTasks));
        var a = job.Tasks[0];
        Assert.Equal((false, 0, -3), (a.Cache, a.MaxRetries, a.Priority));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), (a.BackoffBase, a.BackoffMax));
        Assert.Equal(["x"], a.Tags);
        Assert.Equal("{}", a.Args.GetRawText());
        Assert.Null(a.Timeout); // the node's default applies
        Assert.Equal(Path.Combine(_fx.Root, "sub"), job.Tasks[1].WorkingDirectory);
    }

    [Fact]
    public void Requires_names_the_roles_a_member_must_have_to_run_the_task()
    {
        var job = _fx.Parse("""
            tasks = [
              { id = "train", function = "noop", requires = ["gpu", "big-mem"] }
              { id = "any", shell = "true" }
            ]
            """);
        Assert.Equal(["gpu", "big-mem"], job.Tasks[0].Requires);
        Assert.Empty(job.Tasks[1].Requires);
    }

    [Fact]
    public void Defaults_merge_env_prepend_tags_and_set_the_shell_directory()
    {
        var job = _fx.Parse("""
            defaults { env { A = 1, B = 2 }, tags = [job], cwd = work, cache = false, backoff-base = 1s }
            tasks = [
              { id = "s1", shell = "env", env { B = 3 }, tags = [mine, job] }
              { id = "s2", shell = "env", cwd = "/" }
              { id = "f", function = "noop" }
            ]
            """);
        var (s1, s2, f) = (job.Tasks[0], job.Tasks[1], job.Tasks[2]);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "3" }, s1.Environment);
        Assert.Equal(["job", "mine"], s1.Tags);
        Assert.Equal(Path.Combine(_fx.Root, "work"), s1.WorkingDirectory);
        Assert.Equal("/", s2.WorkingDirectory);
        Assert.Null(f.WorkingDirectory);
        Assert.Null(f.Environment);
        Assert.False(f.Cache);
        Assert.Equal(TimeSpan.FromSeconds(1), f.BackoffBase);
        Assert.Equal(Path.Combine(_fx.Root, "work"), job.Defaults.WorkingDirectory);
    }

    [Fact]
    public void A_shell_task_runs_in_the_job_files_directory_by_default()
    {
        Assert.Equal(_fx.Root, _fx.Parse("tasks = [{ id = s, shell = ls }]").Tasks[0].WorkingDirectory);
    }

    [Fact]
    public void Vars_and_environment_substitutions_are_available()
    {
        var job = _fx.Parse("""
            vars { algo = sha256 }
            tasks = [{ id = a, function = ${vars.algo}, args { home = ${?HOME_DIR} } }]
            """, Env(("HOME_DIR", "/home/u")));
        Assert.Equal("sha256", job.Tasks[0].Function);
        Assert.Equal("""{"home":"/home/u"}""", job.Tasks[0].Args.GetRawText());
    }

    [Fact]
    public void Parse_file_resolves_paths_against_the_files_directory()
    {
        var path = _fx.Write("jobs/build.conf", "job.output = r.jsonl\ntasks = [{ id = a, shell = make, inputs = [Makefile] }]");
        var job = JobFileParser.ParseFile(path, Env());
        Assert.Equal("build", job.Name);
        var dir = Path.Combine(_fx.Root, "jobs");
        Assert.Equal((dir, Path.Combine(dir, "r.jsonl")), (job.BaseDirectory, job.OutputPath));
        Assert.Equal([Path.Combine(dir, "Makefile")], job.Tasks[0].Inputs);
        Assert.Equal(path, job.SourceFile);
    }

    [Fact]
    public void A_function_task_may_declare_inputs_resolved_against_the_files_directory()
    {
        var path = _fx.Write("jobs/conf.conf", "tasks = [{ id = a, function = echo, args { value = 1 }, inputs = [settings.json, /etc/hostname] }]");
        var job = JobFileParser.ParseFile(path, Env());
        var dir = Path.Combine(_fx.Root, "jobs");
        Assert.Equal([Path.Combine(dir, "settings.json"), "/etc/hostname"], job.Tasks[0].Inputs);
        Assert.Equal(TaskKind.Function, job.Tasks[0].Kind);
    }

    [Fact]
    public void Each_expands_to_references_to_every_generated_task()
    {
        var job = _fx.Parse("""
            tasks = [
              { id = "total", function = "sum", args = [ { "$each" = "n" } ] }
              { id = "firsts", function = "merge", args { parts { "$each" = "n.value" } } }
            ]
            generators = [{ id-prefix = n, range { from = 1, to = 3 }, task { function = echo, args { value = "{{item}}" } } }]
            """);
        Assert.Equal("""[[{"$ref":"n-1"},{"$ref":"n-2"},{"$ref":"n-3"}]]""", job.Tasks[0].Args.GetRawText());
        Assert.Equal("""{"parts":[{"$ref":"n-1.value"},{"$ref":"n-2.value"},{"$ref":"n-3.value"}]}""", job.Tasks[1].Args.GetRawText());
        Assert.Equal(["total", "firsts", "n-1", "n-2", "n-3"], job.Tasks.Select(t => t.Id));
    }
}
