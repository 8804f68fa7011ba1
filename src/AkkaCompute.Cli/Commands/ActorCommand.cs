using System.CommandLine;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc actor hierarchy [--path P] [--depth N]</c>: the node's actors as an indented tree (<see cref="ActorTreeView"/>), or JSON.</summary>
internal static class ActorCommand
{
    /// <summary>The <c>actor</c> command and its <c>hierarchy</c> subcommand.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var path = new Option<string>("--path") { Description = "the actor to start from, e.g. /user, /user/peer or /system", DefaultValueFactory = _ => "/user" };
        var depth = new Option<int>("--depth") { Description = $"how many levels below it to show, 1 to {ActorTree.MaxDepth}", DefaultValueFactory = _ => 3 };
        var hierarchy = new Command("hierarchy", "Show the node's actor tree below --path (default /user), --depth levels deep (default 3): one actor per line with its class and child count.")
        {
            endpoint, json, path, depth,
        };
        hierarchy.SetAction((parse, ct) => ManagementCommandLine.RunAsync("actor hierarchy", parse.GetValue(endpoint)!, stderr, async client =>
        {
            var query = $"actors?path={Uri.EscapeDataString(parse.GetValue(path)!)}&depth={parse.GetValue(depth)}";
            var (tree, text) = await client.GetAsync<ActorTreeDto>(query, ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(text);
            }
            else
            {
                ActorTreeView.Write(stdout, tree);
            }
        }));
        return new Command("actor", "Inspect a node's actors through its management endpoint.") { hierarchy };
    }
}
