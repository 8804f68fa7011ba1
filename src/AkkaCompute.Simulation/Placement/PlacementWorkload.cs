using System.Globalization;

namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// The scripted side of a run, drawn from the world's seeded random source: client batches handed to a random live member
/// at uniform times over the submit window, and graceful leaves during the safety phase (only while more than 3 members
/// remain). Everything goes through <see cref="Simulation{TMessage}.Schedule"/>, so it replays with the seed.
/// </summary>
internal static class PlacementWorkload
{
    public static void Install(PlacementWorld world, Simulation<Envelope> sim)
    {
        var options = world.Options;
        var random = world.Random;
        var next = 0;
        for (var batch = 0; next < options.Tasks; batch++)
        {
            var size = Math.Min(random.Next(1, options.BatchMax + 1), options.Tasks - next);
            var ids = new string[size];
            var gpu = new bool[size];
            for (var i = 0; i < size; i++)
            {
                ids[i] = string.Create(CultureInfo.InvariantCulture, $"t{next++:D5}");
                gpu[i] = random.NextDouble() < options.GpuTaskFraction;
            }

            var workflow = string.Create(CultureInfo.InvariantCulture, $"job-{batch:D4}");
            var at = TimeSpan.FromTicks((long)(options.SubmitWindow.Ticks * random.NextDouble()));
            sim.Schedule(at, s => Submit(world, s, workflow, ids, gpu));
        }

        for (var i = 0; i < options.Leaves; i++)
        {
            var at = TimeSpan.FromTicks((long)(options.SafetyDuration.Ticks * (0.1 + (0.7 * random.NextDouble()))));
            sim.Schedule(at, s => Leave(world, s));
        }
    }

    private static List<MemberInfo> LiveMembers(PlacementWorld world, Simulation<Envelope> sim) =>
        world.Membership.Members
            .Where(m => sim.IsUp(new NodeId(m.Node)) && sim.GetUid(new NodeId(m.Node)) == m.Uid && !world.Membership.IsDowned(m.Uid))
            .ToList();

    private static void Submit(PlacementWorld world, Simulation<Envelope> sim, string workflow, string[] ids, bool[] gpu)
    {
        world.Client.Submitted += ids.Length;
        var live = LiveMembers(world, sim);
        if (live.Count == 0)
        {
            world.Client.Rejected += ids.Length;
            return;
        }

        var home = live[world.Random.Next(live.Count)];
        world.Inbox[home.Node].Enqueue(new SubmittedBatch(home.Uid, workflow, ids, gpu));
    }

    private static void Leave(PlacementWorld world, Simulation<Envelope> sim)
    {
        var live = LiveMembers(world, sim);
        if (world.Membership.Members.Count > 3 && live.Count > 3)
        {
            world.Membership.RequestLeave(live[world.Random.Next(live.Count)].Uid);
        }
    }
}
