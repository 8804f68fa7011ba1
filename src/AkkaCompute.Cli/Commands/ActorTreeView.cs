using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// The text of <c>akc actor hierarchy</c>: one actor per line, indented two spaces per level, <c>name [Type] (N children)</c>; a child
/// count larger than the children shown marks where the depth stopped. Ends with <c>N actors</c> (and <c>, truncated</c>).
/// </summary>
internal static class ActorTreeView
{
    /// <summary>Writes <paramref name="tree"/>.</summary>
    public static void Write(TextWriter stdout, ActorTreeDto tree)
    {
        void Line(ActorNodeDto node, int level)
        {
            var type = node.Type is null ? "" : $" [{node.Type}]";
            var kids = node.ChildCount == 0 ? "" : node.ChildCount == 1 ? " (1 child)" : $" ({node.ChildCount} children)";
            stdout.WriteLine($"{new string(' ', level * 2)}{(level == 0 ? node.Path : node.Name)}{type}{kids}");
            foreach (var child in node.Children)
            {
                Line(child, level + 1);
            }
        }

        Line(tree.Root, 0);
        stdout.WriteLine($"{tree.Actors} actors{(tree.Truncated ? $", truncated at {ActorTree.MaxActors}" : "")}");
    }
}
