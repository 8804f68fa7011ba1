using System.Globalization;
using AkkaCompute.Cli.Management;
using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// The table of <c>akc cluster show</c>: one row per member (address, roles, status, reachability, leader mark, app version, age rank,
/// uid, self mark), then the unreachable members with their observers, then a summary line starting <c>N members</c>. Plain text when
/// stdout is not a terminal.
/// </summary>
internal static class ClusterShowView
{
    /// <summary>Writes the table and the summary for <paramref name="status"/>.</summary>
    public static void Write(TextWriter stdout, ClusterStatusDto status)
    {
        var console = CliConsole.Create(stdout); // redirected: no colours, never wraps addresses

        var table = new Table()
            .AddColumn("address")
            .AddColumn("roles")
            .AddColumn("status")
            .AddColumn("reachable")
            .AddColumn("leader")
            .AddColumn("version")
            .AddColumn(new TableColumn("up#").RightAligned())
            .AddColumn("uid")
            .AddColumn("");
        foreach (var m in status.Members)
        {
            table.AddRow(
                Markup.Escape(m.Address),
                Markup.Escape(m.Roles.Count == 0 ? "-" : string.Join(",", m.Roles)),
                m.Status,
                m.Reachable ? "yes" : "[red]no[/]",
                m.IsLeader ? "leader" : "",
                Markup.Escape(m.AppVersion),
                m.UpNumber?.ToString(CultureInfo.InvariantCulture) ?? "-",
                m.Uid.ToString(CultureInfo.InvariantCulture),
                m.IsSelf ? "self" : "");
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
