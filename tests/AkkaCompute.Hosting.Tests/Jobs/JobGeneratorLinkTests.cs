using static AkkaCompute.Hosting.Tests.Jobs.JobFixture;

namespace AkkaCompute.Hosting.Tests.Jobs;

/// <summary>The <c>files</c> generator on trees with symbolic links: bounded, never looping, limits checked while listing.</summary>
public sealed class JobGeneratorLinkTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly JobFixture _fx = new();

    public JobGeneratorLinkTests()
    {
        // outer/top.txt, outer/tree/a.txt, outer/tree/sub/b.txt, and two loops: sub/x -> . (tree/sub), sub/y -> .. (tree)
        _fx.Write("outer/top.txt", "t");
        _fx.Write("outer/tree/a.txt", "a");
        _fx.Write("outer/tree/sub/b.txt", "b");
        File.CreateSymbolicLink(Path.Combine(_fx.Root, "outer/tree/sub/x"), ".");
        File.CreateSymbolicLink(Path.Combine(_fx.Root, "outer/tree/sub/y"), "..");
        File.CreateSymbolicLink(Path.Combine(_fx.Root, "outer/tree/up"), "../..");
    }

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Directory_links_that_loop_are_followed_at_most_once_by_default()
    {
        var job = await ParseAsync("generators = [{ id-prefix = f, files { dir = outer/tree, glob = \"**/*.txt\" }, task { function = noop } }]");
        // 'up' leads to the fixture root, listed once (outer/ inside it, then outer/tree again: seen, not entered).
        Assert.Equal(["f-a.txt", "f-sub/b.txt", "f-up/outer/top.txt"], job.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task Dir_links_skip_never_enters_a_directory_link()
    {
        var job = await ParseAsync("generators = [{ id-prefix = f, files { dir = outer/tree, dir-links = skip }, task { function = noop } }]");
        Assert.Equal(["f-a.txt", "f-sub/b.txt"], job.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task The_task_limit_is_checked_while_listing_and_the_error_names_it_and_where()
    {
        var e = await Assert.ThrowsAsync<AkkaCompute.Hosting.Jobs.JobFileException>(() => ParseAsync("""
            job.max-tasks = 1
            generators = [{ id-prefix = f, files { dir = outer/tree/sub }, task { function = noop } }]
            """));
        Assert.Matches(@"^job\.conf:2:\d+: generator 'f': files: matches more than the 1 tasks left under job\.max-tasks; the limit was reached in '.*'$", e.Message);
    }

    [Fact]
    public void A_bad_dir_links_value_is_refused_with_the_choices()
    {
        var e = _fx.Error("generators = [{ id-prefix = f, files { dir = outer, dir-links = always }, task { function = noop } }]");
        Assert.Contains("dir-links", e.Message);
        Assert.Contains("\"follow-once\" (the default", e.Message);
        Assert.Contains("\"skip\"", e.Message);
    }

    /// <summary>Parses on a worker thread with a deadline, so a listing that never ends fails the test instead of hanging it.</summary>
    private async Task<AkkaCompute.Hosting.Jobs.JobDefinition> ParseAsync(string text) =>
        await Task.Run(() => _fx.Parse(text, Env())).WaitAsync(Deadline);
}
