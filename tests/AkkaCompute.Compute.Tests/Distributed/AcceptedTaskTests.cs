using System.Text.Json;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Distributed;

public class AcceptedTaskTests
{
    private static readonly ClusterMember[] Five = Enumerable.Range(4053, 5).Select(p => new ClusterMember($"akka.tcp://akc@127.0.0.1:{p}")).ToArray();

    private static AcceptedTask Entry(string id, string home = "akka.tcp://akc@h:1", TaskResult? result = null, string args = "{}") =>
        new(home, "akka.tcp://akc@h:1", new TaskSpec { Id = id, Function = "echo", Args = JsonDocument.Parse(args).RootElement.Clone() }, null, new string('0', 64), result);

    private static TaskResult Ok(string id) => new(id, TaskState.Succeeded, null, null, 1, 1);

    [Fact]
    public void The_successor_of_a_removed_home_is_the_remaining_member_nearest_to_its_address()
    {
        foreach (var removed in Five)
        {
            var rest = Five.Where(m => m != removed).ToList();
            var successor = HomeSuccession.SuccessorOf(removed.Address, rest);
            Assert.Equal(Ownership.Rank(TaskPlacement.For(removed.Address, "", ""), rest)[0].Address, successor);
            Assert.Equal(successor, HomeSuccession.SuccessorOf(removed.Address, Enumerable.Reverse(rest)));
            Assert.Equal(successor, HomeSuccession.SuccessorOf(removed.Address, Five)); // the removed one, if still listed, is skipped
        }
    }

    [Fact]
    public void Roles_do_not_matter_for_the_home_and_an_empty_view_has_no_successor()
    {
        var gpu = new ClusterMember("akka.tcp://akc@127.0.0.1:9", new HashSet<string> { "gpu" });
        Assert.Equal(gpu.Address, HomeSuccession.SuccessorOf(Five[0].Address, [gpu]));
        Assert.Null(HomeSuccession.SuccessorOf(Five[0].Address, []));
    }

    [Fact]
    public void Merging_keeps_a_held_result_against_a_late_copy_of_the_acceptance_but_takes_a_new_home()
    {
        var finished = Entry("t", result: Ok("t"));
        var late = Entry("t");
        Assert.Same(finished, AcceptedTask.Merge(finished, late));
        Assert.Same(finished, AcceptedTask.Merge(late, finished));
        var rehomed = Entry("t", home: "akka.tcp://akc@h:2");
        Assert.Same(rehomed, AcceptedTask.Merge(finished, rehomed));
        Assert.Same(late, AcceptedTask.Merge(null, late));
        var acceptedAgain = late with { StampedHead = new string('1', 64) }; // resubmitted after it finished: a new acceptance
        Assert.Same(acceptedAgain, AcceptedTask.Merge(finished, acceptedAgain));
    }

    [Fact]
    public void A_finished_copy_of_the_same_acceptance_shares_the_held_definition_and_strings()
    {
        var held = Entry("t");
        var finishedCopy = Entry("t", home: "akka.tcp://akc@h:1", result: Ok("t")); // read from the wire: its own copies
        var shared = finishedCopy.SharingWith(held);
        Assert.Same(held.Spec, shared.Spec);
        Assert.Same(held.StampedHead, shared.StampedHead);
        Assert.Same(held.FirstHome, shared.FirstHome);
        Assert.Same(held.Home, shared.Home);
        Assert.Same(finishedCopy.Result, shared.Result);

        var rehomed = Entry("t", home: "akka.tcp://akc@h:2", result: Ok("t"));
        Assert.Equal("akka.tcp://akc@h:2", rehomed.SharingWith(held).Home);
        Assert.Same(held.Spec, rehomed.SharingWith(held).Spec);

        var acceptedAgain = finishedCopy with { StampedHead = new string('1', 64) }; // a new acceptance may carry another definition
        Assert.Same(acceptedAgain, acceptedAgain.SharingWith(held));
        Assert.Same(finishedCopy, finishedCopy.SharingWith(null));
        Assert.Same(held, held.SharingWith(held));
        Assert.Same(finishedCopy, finishedCopy.SharingWith(Entry("u")));
    }

    [Fact]
    public void Entries_read_from_json_share_the_strings_of_their_batch()
    {
        // More distinct values than the converter remembers: each still reads back right.
        var many = Enumerable.Range(0, 20).Select(i => Entry($"t{i}", home: $"akka.tcp://akc@h:{i}") with { JobId = $"job{i % 7}" }).ToList();
        var manyRead = JsonSerializer.Deserialize<List<AcceptedTask>>(JsonSerializer.Serialize(many))!;
        Assert.Equal(many.Select(e => (e.Home, e.FirstHome, e.JobId, e.StampedHead, e.Spec.Id)), manyRead.Select(e => (e.Home, e.FirstHome, e.JobId, e.StampedHead, e.Spec.Id)));

        var batch = Enumerable.Range(0, 20).Select(i => Entry($"t{i}", home: $"akka.tcp://akc@h:{i % 3}") with { JobId = "job" }).ToList();
        var read = JsonSerializer.Deserialize<List<AcceptedTask>>(JsonSerializer.Serialize(batch))!;
        Assert.Equal(batch.Select(e => (e.Home, e.FirstHome, e.JobId, e.StampedHead, e.Spec.Id)), read.Select(e => (e.Home, e.FirstHome, e.JobId, e.StampedHead, e.Spec.Id)));
        Assert.Same(read[0].StampedHead, read[19].StampedHead);
        Assert.Same(read[1].Home, read[19].Home);
        Assert.Same(read[0].Spec.Function, read[19].Spec.Function);
        Assert.Same(read[0].FirstHome, read[19].FirstHome);
        Assert.Same(read[0].JobId, read[19].JobId);
        Assert.Null(JsonSerializer.Deserialize<AcceptedTask>(JsonSerializer.Serialize(Entry("t")))!.JobId);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AcceptedTask>(
            JsonSerializer.Serialize(Entry("t")).Replace("\"Home\":\"akka.tcp://akc@h:1\"", "\"Home\":5", StringComparison.Ordinal)));
    }

    [Fact]
    public void Keys_name_the_first_home_and_the_task()
    {
        Assert.Equal("akka.tcp://akc@h:1#t", Entry("t", home: "akka.tcp://akc@h:9").Key);
    }

    [Fact]
    public void Chunks_hold_at_most_the_count_and_about_a_mebibyte_and_keep_the_order()
    {
        var small = Enumerable.Range(0, 25).Select(i => Entry($"s{i}")).ToList();
        var chunks = AcceptedTask.Chunk(small, 10).ToList();
        Assert.Equal([10, 10, 5], chunks.Select(c => c.Count));
        Assert.Equal(small.Select(e => e.Key), chunks.SelectMany(c => c).Select(e => e.Key));

        var big = Enumerable.Range(0, 4).Select(i => Entry($"b{i}", args: $$"""{"x":"{{new string('x', 200_000)}}"}""")).ToList();
        var bigChunks = AcceptedTask.Chunk(big, 1000).ToList();
        Assert.True(bigChunks.Count >= 2, "four entries of about 600 KB estimated each went in one message");
        Assert.All(bigChunks, c => Assert.True(c.Count == 1 || c.Sum(e => e.EstimateBytes()) <= 1 << 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => AcceptedTask.Chunk(small, 0).ToList());
    }
}
