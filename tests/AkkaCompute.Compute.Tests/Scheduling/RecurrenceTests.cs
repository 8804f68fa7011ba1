using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Scheduling;

/// <summary>Cron occurrences with Cronos in IANA zones (DST included), occurrence ids, and the burst guard.</summary>
public sealed class RecurrenceTests
{
    private static readonly DateTimeOffset Dec6 = new(2026, 12, 6, 21, 45, 0, TimeSpan.Zero);

    private static TaskSpec Nightly(string? zone = "Europe/Berlin") =>
        new() { Id = "nightly", Kind = TaskKind.Shell, Command = "true", Cron = "0 3 * * *", TimeZone = zone };

    [Fact]
    public void The_first_occurrence_is_read_in_the_time_zone_and_named_by_its_utc_time()
    {
        var first = Recurrence.First(Nightly(), Dec6)!;
        // 03:00 in Berlin in December (CET, UTC+1) is 02:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero), first.NotBefore);
        Assert.Equal("nightly@2026-12-07T02:00:00Z", first.Id);
        Assert.Equal("nightly", first.RecurrenceOf);
        Assert.Equal("true", first.Command);

        var utc = Recurrence.First(Nightly(zone: null), Dec6)!;
        Assert.Equal("nightly@2026-12-07T03:00:00Z", utc.Id);
    }

    [Fact]
    public void Daylight_saving_time_moves_the_utc_instant_but_not_the_local_hour()
    {
        // Europe/Berlin leaves summer time on 2026-10-25 at 03:00: 03:00 local is 01:00 UTC on the 24th (CEST), 02:00 UTC from the 25th (CET).
        var before = new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero);
        var a = Recurrence.First(Nightly(), before)!;
        var b = Recurrence.Successor(a, a.NotBefore!.Value)!;
        var c = Recurrence.Successor(b, b.NotBefore!.Value)!;
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 1, 0, 0, TimeSpan.Zero), a.NotBefore);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero), b.NotBefore);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 2, 0, 0, TimeSpan.Zero), c.NotBefore);
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_fires_once_at_the_next_valid_instant()
    {
        // 2026-03-29 in Berlin: 02:00 jumps to 03:00, so "30 2 * * *" has no 02:30 that day; Cronos fires at 03:00 CEST (01:00 UTC).
        var spring = new TaskSpec { Id = "s", Kind = TaskKind.Shell, Command = "true", Cron = "30 2 * * *", TimeZone = "Europe/Berlin" };
        var first = Recurrence.First(spring, new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero))!;
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), first.NotBefore);
        var next = Recurrence.Successor(first, first.NotBefore!.Value)!;
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), next.NotBefore);
    }

    [Fact]
    public void Occurrences_missed_during_downtime_fire_once_then_the_chain_goes_on_from_now()
    {
        var first = Recurrence.First(Nightly(zone: null), Dec6)!; // due 2026-12-07 03:00 UTC
        var backAfterFourDays = new DateTimeOffset(2026, 12, 11, 9, 0, 0, TimeSpan.Zero);
        var next = Recurrence.Successor(first, backAfterFourDays)!;
        Assert.Equal("nightly@2026-12-12T03:00:00Z", next.Id);
    }

    [Fact]
    public void Two_nodes_computing_the_same_occurrence_get_the_same_id()
    {
        var a = Recurrence.First(Nightly(), Dec6)!;
        var b = Recurrence.First(Nightly(), Dec6.AddHours(1))!;
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(Recurrence.Successor(a, a.NotBefore!.Value)!.Id, Recurrence.Successor(b, b.NotBefore!.Value.AddSeconds(3))!.Id);
    }

    [Theory]
    [InlineData("0 3 * * *", null, null)]
    [InlineData("*/10 * * * * *", "UTC", null)]
    [InlineData("0 25 * * *", null, "is not a cron expression")]
    [InlineData("0 3 * *", null, "is not a cron expression")]
    [InlineData("0 3 * * *", "Mars/Olympus", "is not a known IANA time zone")]
    [InlineData("0 0 30 2 *", null, "never fires")]
    public void Problems_name_the_expression_or_the_zone(string cron, string? zone, string? problem)
    {
        var found = Recurrence.Problem(cron, zone);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }

    [Fact]
    public void A_delay_becomes_an_absolute_due_time_at_acceptance_and_is_kept_after()
    {
        var spec = new TaskSpec { Id = "d", Function = "noop", Delay = TimeSpan.FromMinutes(10) };
        var accepted = DueTimes.AtAcceptance(spec, Dec6)!;
        Assert.Equal(Dec6.AddMinutes(10), accepted.NotBefore);
        Assert.Same(accepted, DueTimes.AtAcceptance(accepted, Dec6.AddHours(5))); // replayed later: not restarted
        var plain = new TaskSpec { Id = "p", Function = "noop" };
        Assert.Same(plain, DueTimes.AtAcceptance(plain, Dec6));
    }

    [Theory]
    [InlineData(-1, "delay must be between 0 and 366 days")]
    [InlineData(400, "delay must be between 0 and 366 days")]
    public void A_submitted_delay_out_of_range_is_refused(int days, string reason) =>
        Assert.Contains(reason, DueTimes.Problem(new TaskSpec { Id = "d", Function = "noop", Delay = TimeSpan.FromDays(days) }));

    [Fact]
    public void Tags_mapped_to_roles_add_them_to_requires_once()
    {
        var map = TagRouting.Parse(["gpu=gpu", "big = highmem"], out var problem)!;
        Assert.Null(problem);
        var spec = new TaskSpec { Id = "t", Function = "noop", Tags = ["gpu", "big", "other"], Requires = ["gpu"] };
        Assert.Equal(["gpu", "highmem"], TagRouting.Apply(spec, map).Requires);
        var untagged = new TaskSpec { Id = "u", Function = "noop" };
        Assert.Same(untagged, TagRouting.Apply(untagged, map));
        Assert.Null(TagRouting.Parse(["gpu"], out problem));
        Assert.Contains("[0] 'gpu' must be written tag=role", problem);
        Assert.Null(TagRouting.Parse(["a=x", "a=y"], out problem));
        Assert.Contains("tag 'a' is mapped twice", problem);
    }
}
