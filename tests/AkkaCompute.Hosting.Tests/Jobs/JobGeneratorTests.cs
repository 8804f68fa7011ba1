using AkkaCompute.Compute.Tasks;
using static AkkaCompute.Hosting.Tests.Jobs.JobFixture;

namespace AkkaCompute.Hosting.Tests.Jobs;

public sealed class JobGeneratorTests : IDisposable
{
    private readonly JobFixture _fx = new();

    public JobGeneratorTests()
    {
        _fx.Write("tree/b.txt", "b");
        _fx.Write("tree/A.txt", "a");
        _fx.Write("tree/sub/c.txt", "c");
        _fx.Write("tree/sub/deeper/d e.txt", "d");
        _fx.Write("tree/sub/skip.log", "x");
    }

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Files_one_task_per_match_sorted_ordinally_with_sanitized_ids()
    {
        var job = _fx.Parse("""
            generators = [{
              id-prefix = "file"
              files { dir = ${?DIR}, glob = "**/*.txt" }
              task { function = "sha256", args { file = "{{item}}", rel = "{{relpath}}", name = "{{name}}", stem = "{{stem}}", i = "{{index}}" } }
            }]
            """, Env(("DIR", "tree")));
        Assert.Equal(["file-A.txt", "file-b.txt", "file-sub/c.txt", "file-sub/deeper/d_e.txt-24bb9293"], job.Tasks.Select(t => t.Id));
        var dir = Path.Combine(_fx.Root, "tree");
        Assert.Equal($$"""{"file":"{{Path.Combine(dir, "sub", "deeper", "d e.txt")}}","rel":"sub/deeper/d e.txt","name":"d e.txt","stem":"d e","i":3}""",
            job.Tasks[3].Args.GetRawText());
    }

    [Fact]
    public void Files_glob_lists_and_excludes()
    {
        var job = _fx.Parse("""
            generators = [{ id-prefix = f, files { dir = tree, glob = ["*.txt", "sub/*.log"], exclude = ["A.*"] }, task { shell = "wc -c {{path:q}}" } }]
            """);
        Assert.Equal(["f-b.txt", "f-sub/skip.log"], job.Tasks.Select(t => t.Id));
        Assert.Equal($"wc -c '{Path.Combine(_fx.Root, "tree", "b.txt")}'", job.Tasks[0].Command);
        Assert.Equal(TaskKind.Shell, job.Tasks[0].Kind);
    }

    [Fact]
    public void Files_default_glob_is_every_file()
    {
        var job = _fx.Parse("generators = [{ id-prefix = f, files.dir = tree/sub, task { function = noop } }]");
        Assert.Equal(["f-c.txt", "f-deeper/d_e.txt-9197f3c6", "f-skip.log"], job.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void Ids_that_would_clash_after_sanitizing_get_a_hash_of_the_exact_name()
    {
        _fx.Write("clash/a b", "");
        _fx.Write("clash/a_b", "");
        _fx.Write("clash/a-b", ""); // ordinal order: "a b" < "a-b" < "a_b"
        var job = _fx.Parse("generators = [{ id-prefix = f, files.dir = clash, task { function = noop } }]");
        Assert.Equal(["f-a_b-c8687a08", "f-a-b", "f-a_b"], job.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void An_id_from_a_file_name_never_changes_when_other_files_appear_or_disappear()
    {
        const string Job = "generators = [{ id-prefix = file, files.dir = accents, task { function = noop } }]";
        _fx.Write("accents/\u00e9.txt", "e-acute");
        var alone = Assert.Single(_fx.Parse(Job).Tasks).Id;
        _fx.Write("accents/\u00e8.txt", "e-grave"); // sorts first, and sanitizes to the same readable name
        _fx.Write("accents/_.txt", "underscore");
        var ids = _fx.Parse(Job).Tasks.Select(t => t.Id).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal("file-_.txt-d0720667", alone);
        Assert.Equal(["file-_.txt", "file-_.txt-95c71179", alone], ids); // ordinal: "_" < "\u00e8" < "\u00e9"
        File.Delete(Path.Combine(_fx.Root, "accents/\u00e8.txt"));
        Assert.Equal(["file-_.txt", alone], _fx.Parse(Job).Tasks.Select(t => t.Id));
    }

    [Fact]
    public void A_file_name_that_is_not_utf8_is_reported_by_path_not_as_not_found()
    {
        var dir = Path.Combine(_fx.Root, "latin1");
        Directory.CreateDirectory(dir);
        _fx.Write("latin1/ok.txt", "ok");
        var touch = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", "touch \"$(printf 'caf\\351.txt')\""]) { WorkingDirectory = dir })!;
        touch.WaitForExit();
        Assert.Equal(2, Directory.GetFiles(dir).Length);
        var e = _fx.Error("generators = [{ id-prefix = f, files.dir = latin1, task { function = sha256, args.file = \"{{path}}\" } }]");
        Assert.Contains($"'{Path.Combine(dir, "caf\uFFFD.txt")}' has a name that is not valid UTF-8 ('\uFFFD' marks the bytes that are not), so no task could open it; rename it", e.Message);
        var job = _fx.Parse("generators = [{ id-prefix = f, files { dir = latin1, exclude = \"**/*\uFFFD*\" }, task { function = noop } }]");
        Assert.Equal(["f-ok.txt"], job.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void Lines_skip_blanks_and_comments_and_quote_for_the_shell()
    {
        _fx.Write("urls.txt", "# sites\nhttps://a.example/x?y=1\n\n   \n  it's here  \n");
        var job = _fx.Parse("""
            generators = [{ id-prefix = line, lines { file = "urls.txt" }, task { shell = "curl -s {{item:q}} # {{line}}/{{index}}", priority = "{{line}}" } }]
            """);
        Assert.Equal(["line-2", "line-5"], job.Tasks.Select(t => t.Id));
        Assert.Equal("curl -s 'https://a.example/x?y=1' # 2/0", job.Tasks[0].Command);
        Assert.Equal("curl -s 'it'\\''s here' # 5/1", job.Tasks[1].Command);
        Assert.Equal(5, job.Tasks[1].Priority);
    }

    [Fact]
    public void Range_counts_up_or_down_and_numbers_stay_numbers()
    {
        var job = _fx.Parse("""
            generators = [
              { id-prefix = n, range { from = 1, to = 7, step = 3 }, task { function = echo, args { value = "{{item}}", text = "#{{item}}", q = "{{item:q}}" } } }
              { id-prefix = down, range { from = 1, to = -1, step = -1 }, task { function = echo, args = ["{{item}}"] } }
            ]
            """);
        Assert.Equal(["n-1", "n-4", "n-7", "down-1", "down-0", "down--1"], job.Tasks.Select(t => t.Id));
        Assert.Equal("""{"value":4,"text":"#4","q":"'4'"}""", job.Tasks[1].Args.GetRawText());
        Assert.Equal("[-1]", job.Tasks[5].Args.GetRawText());
    }

    [Fact]
    public void A_template_may_set_its_own_id_and_the_defaults_apply()
    {
        var job = _fx.Parse("""
            defaults { timeout = 3s }
            generators = [{ id-prefix = x, range { from = 0, to = 1 }, task { id = "sq-{{item}}", function = noop, depends-on = ["setup"] } }]
            tasks = [{ id = setup, function = noop }]
            """);
        Assert.Equal(["setup", "sq-0", "sq-1"], job.Tasks.Select(t => t.Id));
        Assert.All(job.Tasks, t => Assert.Equal(TimeSpan.FromSeconds(3), t.Timeout));
    }

    [Fact]
    public void Generated_tasks_are_limited_by_max_tasks()
    {
        var e = _fx.Error("""
            job.max-tasks = 5
            tasks = [{ id = a, function = noop }]
            generators = [
              { id-prefix = n, range { from = 1, to = 3 }, task { function = noop } }
              { id-prefix = m, range { from = 1, to = 2 }, task { function = noop } }
            ]
            """);
        Assert.Equal("job.conf:5:26: generator 'm': range: has 2 numbers, more than the 1 tasks left under job.max-tasks", e.Message);
        e = _fx.Error("""
            job.max-tasks = 2
            generators = [{ id-prefix = f, files.dir = tree, task { function = noop } }]
            """);
        Assert.Contains("generator 'f': files: matches more than the 2 tasks left under job.max-tasks; the limit was reached in '" + Path.Combine(_fx.Root, "tree"), e.Message);
    }

    [Fact]
    public void Generator_sources_that_do_not_exist_are_errors_naming_the_resolved_path()
    {
        var e = _fx.Error("""
            generators = [
              { id-prefix = f, files { dir = "missing" }, task { function = noop } }
              { id-prefix = l, lines { file = "nope.txt" }, task { shell = "echo {{item}}" } }
              { id-prefix = d, files { dir = ${?DIR} }, task { function = noop } }
            ]
            """);
        Assert.Equal(
            [
                $"job.conf:2:34: generator 'f': files: dir = missing: directory '{Path.Combine(_fx.Root, "missing")}' does not exist",
                $"job.conf:3:35: generator 'l': lines: file = nope.txt: file '{Path.Combine(_fx.Root, "nope.txt")}' does not exist",
                "job.conf:4:26: generator 'd': files: missing 'dir' (the directory to list; relative paths are relative to the job file)",
            ],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Bad_generator_definitions_are_reported()
    {
        var e = _fx.Error("""
            generators = [
              { files.dir = tree, task { function = noop } }
              { id-prefix = "a.b", range { from = 1, to = 2 }, task { function = noop } }
              { id-prefix = c, range { from = 1, to = 2 }, lines.file = x, task { function = noop } }
              { id-prefix = d, range { from = 5, to = 1 }, task { function = noop } }
              { id-prefix = e, range { from = 1, to = 2, step = 0, by = 1 }, task { function = noop } }
              { id-prefix = g, range { to = 2 } }
            ]
            """);
        Assert.Equal(
            [
                "job.conf:2:3: generator #1: missing 'id-prefix' (generated ids are <id-prefix>-<item>)",
                "job.conf:3:17: generator #2: id-prefix = a.b: must consist of ASCII letters, digits, '-', '_' and ':' (no '.', which separates a $ref's path)",
                "job.conf:4:3: generator 'c': has 'lines' and 'range'; use exactly one",
                "job.conf:5:26: generator 'd': range: from 5 to 1 with step 1 is empty (use a negative step to count down)",
                "job.conf:6:61: generator 'e': range: unknown key 'by' (allowed: from, to, step)",
                "job.conf:6:53: generator 'e': range: step = 0: must not be 0",
                "job.conf:7:3: generator 'g': missing 'task', the template of the generated tasks",
                "job.conf:7:26: generator 'g': range: missing 'from'",
            ],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Template_errors_are_reported_once_not_per_item()
    {
        var e = _fx.Error("""
            generators = [{ id-prefix = n, range { from = 1, to = 1000 }, task { function = echo, timout = 5s, args { v = "{{itme}} {{item:x}}" } } }]
            """);
        Assert.Equal(
            [
                "job.conf:1:111: generator 'n': unknown placeholder '{{itme}}' (known: {{item}}, {{index}})",
                "job.conf:1:111: generator 'n': unknown filter ':x' in '{{item:x}}' (the only filter is ':q', shell quoting)",
            ],
            e.Errors.Select(x => x.ToString()));
        e = _fx.Error("generators = [{ id-prefix = n, range { from = 1, to = 1000 }, task { function = echo, timout = 5s } }]");
        Assert.Equal(["job.conf:1:96: task 'n-1': unknown key 'timout' (did you mean 'timeout'?)"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Two_generators_cannot_share_a_prefix()
    {
        var e = _fx.Error("""
            generators = [
              { id-prefix = n, range { from = 1, to = 2 }, task { function = noop } }
              { id-prefix = n, range { from = 3, to = 4 }, task { function = noop } }
            ]
            """);
        Assert.Equal("job.conf:3:17: generator 'n': id-prefix = n: is used by an earlier generator; each generator needs its own prefix", e.Message);
    }

    [Fact]
    public void A_hundred_thousand_generated_tasks_parse_quickly()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var job = _fx.Parse("""
            generators = [{ id-prefix = n, range { from = 1, to = 100000 }, task { function = echo, args { value = "{{item}}" } } }]
            tasks = [{ id = total, function = sum, args = [{ "$each" = "n" }] }]
            """);
        Assert.Equal(100_001, job.Tasks.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}
