using Akka.Actor;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// The actor hierarchy for <c>akc actor hierarchy</c>: from a path (default <c>/user</c>) down to a depth (default 3, 1 to
/// <see cref="MaxDepth"/>), listing at most <see cref="MaxActors"/> actors (then <see cref="ActorTreeDto.Truncated"/>). The walk is
/// over a children function, so that it is pure and testable; <see cref="Of(ActorSystem, string, int)"/> walks a live system's local
/// actors (Akka's <see cref="ActorRefWithCell.Children"/>).
/// </summary>
internal static class ActorTree
{
    /// <summary>The deepest listing: 20 levels.</summary>
    public const int MaxDepth = 20;

    /// <summary>The most actors in one listing: 5,000.</summary>
    public const int MaxActors = 5000;

    /// <summary>The tree under <paramref name="path"/> in a live actor system, or null when no local actor has that path.</summary>
    public static ActorTreeDto? Of(ActorSystem system, string path, int depth)
    {
        var root = ((ExtendedActorSystem)system).Provider.RootGuardian;
        return Build(root, path, depth, Children, Describe);
    }

    /// <summary>
    /// The tree under <paramref name="path"/> (<c>/</c>-separated names from <paramref name="root"/>), <paramref name="depth"/> levels deep;
    /// null when a name on the path is not a child.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is not 1 to <see cref="MaxDepth"/>.</exception>
    public static ActorTreeDto? Build<T>(T root, string path, int depth, Func<T, IEnumerable<T>> children, Func<T, (string Name, string? Type)> describe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        var node = root;
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            var next = children(node).FirstOrDefault(c => describe(c).Name == name);
            if (next is null)
            {
                return null;
            }

            node = next;
        }

        var count = 0;
        var truncated = false;
        ActorNodeDto Walk(T actor, string actorPath, int level)
        {
            count++;
            var (name, type) = describe(actor);
            var kids = children(actor).Select(c => (Actor: c, describe(c).Name)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            var shown = new List<ActorNodeDto>();
            if (level < depth)
            {
                foreach (var (kid, kidName) in kids)
                {
                    if (count >= MaxActors)
                    {
                        truncated = true;
                        break;
                    }

                    shown.Add(Walk(kid, actorPath.TrimEnd('/') + "/" + kidName, level + 1));
                }
            }

            return new ActorNodeDto(actorPath, name, type, kids.Count, shown);
        }

        var rootPath = "/" + string.Join("/", names);
        var tree = Walk(node, rootPath, 0);
        return new ActorTreeDto(tree, depth, count, truncated);
    }

    private static IEnumerable<IInternalActorRef> Children(IInternalActorRef actor) =>
        actor is ActorRefWithCell cell ? cell.Children.OfType<IInternalActorRef>() : [];

    private static (string Name, string? Type) Describe(IInternalActorRef actor)
    {
        var name = actor.Path.Elements.Count == 0 ? "/" : actor.Path.Name;
        var type = actor is ActorRefWithCell cell ? cell.Underlying?.Props?.Type?.Name : null;
        return (name, type);
    }
}
