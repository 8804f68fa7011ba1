using AkkaCompute.Hosting.Jobs;
using static AkkaCompute.Hosting.Tests.Jobs.JobFixture;

namespace AkkaCompute.Hosting.Tests.Jobs;

public sealed class JobFileErrorTests : IDisposable
{
    private readonly JobFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private string[] Errors(string text) => _fx.Error(text).Errors.Select(e => e.ToString()).ToArray();

    private string Single(string text) => Assert.Single(Errors(text));

    [Fact]
    public void A_required_role_that_is_not_a_role_name_is_refused_where_it_is_written()
    {
        var e = _fx.Error("""
            tasks = [ { id = "t", function = "noop", requires = ["gpu", "two words"] } ]
            """);
        var error = Assert.Single(e.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal("task 't': requires: 'two words' is not a role name (1 to 100 of letters, digits, '-', '_' and '.')", error.Reason);
    }

    [Fact]
    public void An_unknown_ref_names_file_line_column_task_and_target()
    {
        var e = _fx.Error("""
            tasks = [
              { id = "a", function = "noop" }
              { id = "c", function = "merge",
                args = [ { "$ref" = "a" },
                         { "$ref" = "zz" } ] }
            ]
            """);
        var error = Assert.Single(e.Errors);
        Assert.Equal(("job.conf", 5, 25), (error.File, error.Line, error.Column));
        Assert.Equal("task 'c': $ref to unknown task 'zz'", error.Reason);
        Assert.Equal("job.conf:5:25: task 'c': $ref to unknown task 'zz'", e.Message);
    }

    [Theory]
    [InlineData("{ id = a, function = f, timout = 5s }", "job.conf:1:43: task 'a': unknown key 'timout' (did you mean 'timeout'?)")]
    [InlineData("{ id = a, function = f, shell = ls }", "job.conf:1:10: task 'a': has both 'function' and 'shell'; set exactly one")]
    [InlineData("{ id = a, priority = 1 }", "job.conf:1:10: task 'a': needs 'function' (a registered .NET function) or 'shell' (a command)")]
    [InlineData("{ function = f }", "job.conf:1:10: task #1: missing 'id'")]
    [InlineData("{ id = \"a b\", function = f }", "job.conf:1:17: task 'a b': invalid id: contains ' ' (allowed: ASCII letters, digits, '-', '_', ':', '.', '/', '@')")]
    [InlineData("{ id = \".a\", function = f }", "job.conf:1:17: task '.a': invalid id: starts with '.'")]
    [InlineData("{ id = a, function = f, timeout = soon }", "job.conf:1:44: task 'a': timeout = soon: must be a duration such as 500ms, 30s or 10m")]
    [InlineData("{ id = a, function = f, timeout = 0s }", "job.conf:1:44: task 'a': timeout = 0s: must be greater than 0")]
    [InlineData("{ id = a, function = f, timeout = 8d }", "job.conf:1:44: task 'a': timeout = 8d: must be at most 7d")]
    [InlineData("{ id = a, function = f, priority = -1000001 }", "job.conf:1:45: task 'a': priority = -1000001: must be between -1,000,000 and 1,000,000")]
    [InlineData("{ id = a, function = f, priority = high }", "job.conf:1:45: task 'a': priority = high: must be a whole number")]
    [InlineData("{ id = a, function = f, max-retries = 101 }", "job.conf:1:48: task 'a': max-retries = 101: must be between 0 and 100")]
    [InlineData("{ id = a, function = f, cache = maybe }", "job.conf:1:42: task 'a': cache = maybe: must be true or false")]
    [InlineData("{ id = a, function = f, backoff-base = 2s, backoff-max = 1s }", "job.conf:1:10: task 'a': backoff-max (1s) must be at least backoff-base (2s)")]
    [InlineData("{ id = a, function = f, args = 5 }", "job.conf:1:41: task 'a': args = 5: must be an object (named arguments) or a list (positional arguments)")]
    [InlineData("{ id = a, shell = ls, args { x = 1 } }", "job.conf:1:37: task 'a': args = {...}: is only for function tasks (a shell task gets its input from its command, env and files)")]
    [InlineData("{ id = a, function = f, env { X = 1 } }", "job.conf:1:38: task 'a': env = {...}: is only for shell tasks")]
    [InlineData("{ id = a, shell = ls, env { X { y = 1 } } }", "job.conf:1:40: task 'a': env.X = {...}: must be a string, number or boolean")]
    [InlineData("{ id = a, function = f, depends-on = a }", "job.conf:1:47: task 'a': depends-on = a: must be a list of strings such as [\"a\", \"b\"]")]
    [InlineData("{ id = a, function = f, args { x { \"$ref\" = b, y = 1 } } }", "job.conf:1:43: task 'a': a $ref object must have no other keys (found 'y'); write { \"$ref\" = \"a\" }")]
    [InlineData("{ id = a, function = f, args { x { \"$ref\" = 5 } } }", "job.conf:1:54: task 'a': the value of $ref must be a non-empty string such as \"a\" or \"a.path.0\"")]
    [InlineData("{ id = a, function = f, args { x { \"$each\" = nope } } }", "job.conf:1:55: task 'a': $each 'nope' names no generator id-prefix 'nope' (the job has no generators)")]
    [InlineData("5", "job.conf:1:10: task #1: must be an object { id = ..., function = ... } or { id = ..., shell = ... }")]
    public void Each_task_problem_has_a_clear_message(string task, string expected)
    {
        Assert.Equal(expected, Single($"tasks = [{task}]"));
    }

    [Fact]
    public void Duplicate_ids_point_at_the_first_definition()
    {
        Assert.Equal("job.conf:3:8: task 'a': duplicate id (first defined at job.conf:2:8)",
            Single("tasks = [\n{ id = a, function = f }\n{ id = a, function = g }\n]"));
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path()
    {
        Assert.Equal("job.conf:2:8: task 'a': dependency cycle a -> b -> c -> a (each task depends on the next)", Single("""
            tasks = [
            { id = a, function = f, args = [{ "$ref" = "b.x" }] }
            { id = b, function = f, depends-on = [c] }
            { id = c, function = f, args { v { "$ref" = a } } }
            ]
            """));
    }

    [Fact]
    public void An_unknown_depends_on_points_at_the_entry()
    {
        Assert.Equal("job.conf:1:48: task 'a': depends on unknown task 'nope'", Single("tasks = [{ id = a, function = f, depends-on = [nope] }]"));
    }

    [Fact]
    public void A_reference_to_a_task_that_has_its_own_errors_is_not_reported_again()
    {
        Assert.Equal("job.conf:2:35: task 'a': timeout = never: must be a duration such as 500ms, 30s or 10m", Single("""
            tasks = [
            { id = a, function = f, timeout = never }
            { id = b, function = f, args = [{ "$ref" = "a.x" }], depends-on = [a] }
            ]
            """));
    }

    [Theory]
    [InlineData("task = []", "job.conf:1:8: job file: unknown key 'task' (did you mean 'tasks'?)")]
    [InlineData("tasks = {}", "job.conf:1:9: job file: tasks = {...}: must be a list [ ... ]")]
    [InlineData("job { nme = x }\ntasks = [{ id = a, function = f }]", "job.conf:1:13: job: unknown key 'nme' (did you mean 'name'?)")]
    [InlineData("job.workers = 0\ntasks = [{ id = a, function = f }]", "job.conf:1:15: job: workers = 0: must be between 1 and 1,024")]
    [InlineData("job.max-tasks = 0\ntasks = [{ id = a, function = f }]", "job.conf:1:17: job: max-tasks = 0: must be between 1 and 10,000,000")]
    [InlineData("job.max-tasks = 1\ntasks = [{ id = a, function = f }, { id = b, function = f }]", "job.conf:2:9: job file: tasks = [2 items]: lists 2 tasks, more than job.max-tasks = 1")]
    [InlineData("defaults { timeout = 5s, retries = 1 }\ntasks = [{ id = a, function = f }]", "job.conf:1:36: defaults: unknown key 'retries' (allowed: timeout, max-retries, priority, backoff-base, backoff-max, cache, cwd, env, tags, limits)")]
    [InlineData("defaults.priority = 2000000\ntasks = [{ id = a, function = f }]", "job.conf:1:21: defaults: priority = 2000000: must be between -1,000,000 and 1,000,000")]
    [InlineData("job.name = x", "job.conf:1:1: the job has no tasks: add a 'tasks' list or 'generators'")]
    public void File_level_problems(string text, string expected)
    {
        Assert.Equal(expected, Single(text));
    }

    [Fact]
    public void Every_problem_is_collected_and_listed_one_per_line()
    {
        var e = _fx.Error("""
            tasks = [
              { id = a, function = f, timout = 5s }
              { id = b, function = f, shell = ls }
              { id = c, function = f, priority = 9999999 }
              { id = d, function = f, args = [{ "$ref" = "zz" }] }
            ]
            """);
        Assert.Equal(
            """
            job.conf:2:36: task 'a': unknown key 'timout' (did you mean 'timeout'?)
            job.conf:3:3: task 'b': has both 'function' and 'shell'; set exactly one
            job.conf:4:38: task 'c': priority = 9999999: must be between -1,000,000 and 1,000,000
            job.conf:5:46: task 'd': $ref to unknown task 'zz'
            """.ReplaceLineEndings("\n"), e.Message);
        Assert.Equal(4, e.Errors.Count);
        Assert.False(e.Truncated);
    }

    [Fact]
    public void Collection_stops_at_fifty_errors()
    {
        var tasks = string.Join("\n", Enumerable.Range(0, 80).Select(i => $"{{ id = t{i}, function = f, timout = 1s }}"));
        var e = _fx.Error($"tasks = [\n{tasks}\n]");
        Assert.Equal(JobFileParser.MaxErrors, e.Errors.Count);
        Assert.True(e.Truncated);
        Assert.EndsWith("\n(stopped after 50 errors; fix these and run again)", e.Message);
        Assert.Equal(51, e.Message.Split('\n').Length);
    }

    [Fact]
    public void Hocon_syntax_errors_are_job_file_errors()
    {
        var e = _fx.Error("tasks = [\n  { id = a, function = f \n");
        var error = Assert.Single(e.Errors);
        Assert.Equal(("job.conf", 3), (error.File, error.Line));
        Assert.StartsWith("job.conf:3:", e.Message);
    }

    [Fact]
    public void A_missing_job_file_is_reported()
    {
        var path = Path.Combine(_fx.Root, "nope.conf");
        var e = Assert.Throws<JobFileException>(() => JobFileParser.ParseFile(path, Env()));
        Assert.Equal($"{path}: job file not found ({path})", e.Message);
        Assert.Equal(0, e.Errors[0].Line);
    }
}
