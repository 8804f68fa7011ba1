using System.Globalization;
using AkkaCompute.Cli.Management;
using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// The table of <c>akc cluster show</c>: one row per member (address, status, reachability, roles, age, leader and self marks),
/// then the unreachable members with their observers, then a summary line. Plain text when stdout is not a terminal.
/// </summary>
internal static class ClusterShowView
{
    public static void Write(TextWriter stdout, ClusterStatusDto status)
    {
        var console = CliConsole.Create(stdout); // redirected: no colours, never wraps addresses

        var table = new Table()
            .AddColumn("address")
            .AddColumn("status")
            .AddColumn("reachable")
            .AddColumn("roles")
            .AddColumn(new TableColumn("up#").RightAligned())
            .AddColumn("uid")
            .AddColumn("");
        foreach (var m in status.Members)
        {
            var marks = string.Join(" ", new[] { m.IsLeader ? "leader" : null, m.IsSelf ? "self" : null }.Where(x => x is not null));
            table.AddRow(
                Markup.Escape(m.Address),
                m.Status,
                m.Reachable ? "yes" : "[red]no[/]",
                Markup.Escape(string.Join(",", m.Roles)),
                m.UpNumber?.ToString(CultureInfo.InvariantCulture) ?? "-",
                m.Uid.ToString(CultureInfo.InvariantCulture),
                marks);
        }

        console.Write(table);
        foreach (var u in status.Unreachable)
        {
            console.WriteLine($"{u.Status.ToLowerInvariant()}: {u.Address} (observed by {string.Join(", ", u.ObservedBy)})");
        }

        var up = status.Members.Count(m => m.Status == "Up");
        var summary = status.Members.Count == 0
            ? $"{status.Self} is not a member of a cluster (status {status.SelfStatus}); join one with: akc cluster join SEED"
            : $"{status.Members.Count} members ({up} up, {status.Unreachable.Count} unreachable), leader {status.Leader ?? "none"}, " +
              $"{(status.Convergence ? "converged" : "not converged")}; answered by {status.Self} ({status.SelfStatus})";
        console.WriteLine(summary);
    }
}
