using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Tests.Management;

/// <summary>The walk behind <c>akc actor hierarchy</c>, over a tree of names, and its text.</summary>
public sealed class ActorTreeTests
{
    private sealed record N(string Name, params N[] Kids);

    private static readonly N Root = new("/",
        new N("system", new N("log1")),
        new N("user", new N("peer", new N("scheduler", new N("w1")), new N("cache")), new N("events")));

    private static ActorTreeDto? Build(N root, string path, int depth) =>
        ActorTree.Build(root, path, depth, n => n.Kids, n => (n.Name, n.Name == "/" ? null : "T" + n.Name));

    [Fact]
    public void It_lists_the_actors_below_a_path_to_the_depth_in_name_order()
    {
        var tree = Build(Root, "/user", 1)!;
        Assert.Equal("/user", tree.Root.Path);
        Assert.Equal(["events", "peer"], tree.Root.Children.Select(c => c.Name));
        Assert.Equal("/user/peer", tree.Root.Children[1].Path);
        Assert.Equal(2, tree.Root.Children[1].ChildCount);
        Assert.Empty(tree.Root.Children[1].Children); // below the depth
        Assert.Equal((3, false), (tree.Actors, tree.Truncated));

        var deep = Build(Root, "/user/peer", 5)!;
        Assert.Equal("/user/peer/scheduler/w1", deep.Root.Children.Single(c => c.Name == "scheduler").Children[0].Path);
        Assert.Equal(4, deep.Actors); // peer, cache, scheduler, w1
    }

    [Fact]
    public void An_unknown_path_is_null_and_a_bad_depth_is_refused()
    {
        Assert.Null(Build(Root, "/user/nope", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(Root, "/user", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(Root, "/user", ActorTree.MaxDepth + 1));
    }

    [Fact]
    public void A_huge_tree_is_cut_at_the_limit()
    {
        var wide = new N("/", new N("user", Enumerable.Range(0, ActorTree.MaxActors + 10).Select(i => new N($"a{i:D5}")).ToArray()));
        var tree = Build(wide, "/user", 1)!;
        Assert.True(tree.Truncated);
        Assert.Equal(ActorTree.MaxActors, tree.Actors);
        Assert.Equal(ActorTree.MaxActors + 10, tree.Root.ChildCount);
    }

    [Fact]
    public void The_text_indents_each_level_and_counts_the_actors()
    {
        var text = new StringWriter();
        ActorTreeView.Write(text, Build(Root, "/user", 2)!);
        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["/user [Tuser] (2 children)", "  events [Tevents]", "  peer [Tpeer] (2 children)", "    cache [Tcache]", "    scheduler [Tscheduler] (1 child)", "5 actors"],
            lines);
    }
}
