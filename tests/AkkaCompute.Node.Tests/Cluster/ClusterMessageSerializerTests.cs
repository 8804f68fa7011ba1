using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>What crosses nodes goes through our serializer (never Akka's Newtonsoft default) and comes back equal.</summary>
public sealed class ClusterMessageSerializerTests() : Akka.TestKit.Xunit2.TestKit(TestConfig.Base)
{
    private T RoundTrip<T>(T message)
        where T : notnull => SerializationAssert.RoundTrips<ClusterMessageSerializer, T>(Sys, message);

    [Fact]
    public void The_merkle_clock_round_trips_with_its_entries_and_head()
    {
        var clock = new MerkleClockData(MerkleClock.From([new("akka.tcp://akc@127.0.0.1:4053", 7), new("akka.tcp://akc@127.0.0.1:4054", 2)]));
        var back = RoundTrip(clock);
        Assert.Equal(clock.Clock, back.Clock);
        Assert.Equal(clock.Clock.Head, back.Clock.Head);
    }

    [Fact]
    public void Tasks_and_attempt_reports_round_trip()
    {
        var task = Fn("t1", """{"path":"/tmp/x","n":[1,2]}""", priority: 5, maxRetries: 2, timeout: TimeSpan.FromSeconds(3)) with { Requires = ["gpu"] };
        var run = RoundTrip(new RunTasks([new QueuedTask(task, 2, DateTimeOffset.UnixEpoch)]));
        var back = Assert.Single(run.Tasks);
        Assert.Equal(task.Id, back.Spec.Id);
        Assert.Equal(task.Args.GetRawText(), back.Spec.Args.GetRawText());
        Assert.Equal(["gpu"], back.Spec.Requires);
        Assert.Equal(TimeSpan.FromSeconds(3), back.Spec.Timeout);
        Assert.Equal(2, back.Attempt);

        var finished = RoundTrip(new AttemptFinished(task, 2, AttemptOutcome.Succeeded, J("""{"ok":true}"""), null, 12.5));
        Assert.Equal(AttemptOutcome.Succeeded, finished.Outcome);
        Assert.Equal("""{"ok":true}""", finished.Output!.Value.GetRawText());
        Assert.Equal(new AttemptStarted("t1", 2), RoundTrip(new AttemptStarted("t1", 2)));
        Assert.Equal(new AttemptProgress("t1", 2, 0.25), RoundTrip(new AttemptProgress("t1", 2, 0.25)));
        Assert.Equal(new StopRemoteTask("t1"), RoundTrip(new StopRemoteTask("t1")));

        var submit = RoundTrip(new SubmitBatch([task], "client", "job"));
        Assert.Equal(task.Args.GetRawText(), Assert.Single(submit.Tasks).Args.GetRawText());
        Assert.Equal(("client", "job"), (submit.ClientId, submit.JobId));
    }

    [Fact]
    public void Durable_acceptance_messages_round_trip_with_their_entries()
    {
        var task = Fn("t1", """{"n":1}""");
        var result = new TaskResult("t1", TaskState.Succeeded, J("""{"ok":true}"""), null, 1, 3.5);
        var entry = new AcceptedTask("akka.tcp://akc@127.0.0.1:2552", "akka.tcp://akc@127.0.0.1:2551", task, "job", new string('a', 64), result, DateTimeOffset.UnixEpoch);

        var replicated = RoundTrip(new ReplicateAccepted([entry])).Entries.Single();
        Assert.Equal(entry.Key, replicated.Key);
        Assert.Equal(entry.Home, replicated.Home);
        Assert.Equal(entry.StampedHead, replicated.StampedHead);
        Assert.Equal("job", replicated.JobId);
        Assert.Equal(1, replicated.Spec.Args.GetProperty("n").GetInt32());
        Assert.True(replicated.Result!.Output!.Value.GetProperty("ok").GetBoolean());
        Assert.Equal(DateTimeOffset.UnixEpoch, replicated.FinishedAt);
        Assert.Equal(3, RoundTrip(new AcceptedHeld(3)).Count);
        Assert.True(RoundTrip(new ReplicateAccepted([entry], Claim: true)).Claim);
        Assert.Equal([new ChainConflict("nightly", entry.Home)], RoundTrip(new AcceptedHeld(0, [new ChainConflict("nightly", entry.Home)])).Conflicts);
        Assert.Equal(["a", "b"], RoundTrip(new WatchResults(["a", "b"])).TaskIds);
        Assert.True(RoundTrip(new ResultsPushed([result])).Results.Single().Output!.Value.GetProperty("ok").GetBoolean());
        Assert.Equal(entry.Key, RoundTrip(new ReplicateFinished([entry])).Entries.Single().Key);
        Assert.Equal([entry.Key], RoundTrip(new ForgetAccepted([entry.Key])).Keys);
        var ask = RoundTrip(new GetAcceptedOf([entry.Home], 7));
        Assert.Equal((entry.Home, 7L), (ask.Homes.Single(), ask.Round));
        var answer = RoundTrip(new AcceptedOf([entry], 7, Last: true));
        Assert.True(answer.Last);
        Assert.Equal(entry.Key, answer.Entries.Single().Key);
    }

    [Fact]
    public void Null_properties_are_left_out_and_a_message_written_with_them_still_reads()
    {
        var entry = new AcceptedTask("akka.tcp://akc@127.0.0.1:2551", "akka.tcp://akc@127.0.0.1:2551", new TaskSpec { Id = "t1", Function = "echo" }, null, new string('a', 64));
        var serializer = (ClusterMessageSerializer)Sys.Serialization.FindSerializerFor(new ReplicateAccepted([entry]));
        var json = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(new ReplicateAccepted([entry])));
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Key\"", json, StringComparison.Ordinal); // derived from FirstHome and the task id

        // As written before nulls were left out (and with the derived key), by a member not yet upgraded.
        var old = """{"Entries":[{"Home":"h","FirstHome":"f","Spec":{"Id":"t1","Kind":0,"Function":"echo","Args":{},"Command":null,"Timeout":null,"Cache":true,"DependsOn":[],"Tags":[],"Requires":[]},"JobId":null,"StampedHead":"x","Result":null,"FinishedAt":null,"Key":"f#t1"}],"Claim":false}""";
        var back = Assert.IsType<ReplicateAccepted>(serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(old), "akc.replicate-accepted.v1")).Entries.Single();
        Assert.Equal(("f#t1", "echo", (string?)null, (TaskResult?)null, (TimeSpan?)null), (back.Key, back.Spec.Function, back.JobId, back.Result, back.Spec.Timeout));
    }

    [Fact]
    public void A_batch_sent_to_every_replica_is_serialized_once()
    {
        var entry = new AcceptedTask("akka.tcp://akc@127.0.0.1:2551", "akka.tcp://akc@127.0.0.1:2551", new TaskSpec { Id = "t1", Function = "echo" }, "job", new string('a', 64));
        var accepted = new ReplicateAccepted([entry]);
        var finished = new ReplicateFinished([entry]);
        var serializer = (ClusterMessageSerializer)Sys.Serialization.FindSerializerFor(accepted);

        // Once per message object, however many destinations serialize it; an equal message of its own is serialized anew.
        Assert.Same(serializer.ToBinary(accepted), serializer.ToBinary(accepted));
        Assert.Same(serializer.ToBinary(finished), serializer.ToBinary(finished));
        var again = new ReplicateAccepted([entry]);
        Assert.NotSame(serializer.ToBinary(accepted), serializer.ToBinary(again));
        Assert.Equal(serializer.ToBinary(accepted), serializer.ToBinary(again));

        // Other messages are not kept.
        var run = new RunTasks([new QueuedTask(entry.Spec, 1, DateTimeOffset.UnixEpoch)]);
        Assert.NotSame(serializer.ToBinary(run), serializer.ToBinary(run));
    }

    [Fact]
    public void A_membership_snapshot_round_trips_with_each_members_roles_and_reads_without_them()
    {
        var back = RoundTrip(new MembershipSnapshot(["akka.tcp://akc@127.0.0.1:4053", "akka.tcp://akc@127.0.0.1:4054"], [[], ["gpu", "ssd"]]));
        Assert.Equal(["akka.tcp://akc@127.0.0.1:4053", "akka.tcp://akc@127.0.0.1:4054"], back.Members);
        Assert.Equal([[], ["gpu", "ssd"]], back.Roles!);

        // A member that does not send roles (an older one): Roles is null.
        var serializer = (ClusterMessageSerializer)Sys.Serialization.FindSerializerFor(back);
        var old = Assert.IsType<MembershipSnapshot>(serializer.FromBinary("""{"Members":["akka.tcp://akc@127.0.0.1:4053"]}"""u8.ToArray(), "akc.membership.v1"));
        Assert.Null(old.Roles);
    }

    [Fact]
    public void Bytes_that_are_not_a_clock_are_refused_with_the_reason()
    {
        var serializer = (ClusterMessageSerializer)Sys.Serialization.FindSerializerFor(MerkleClockData.Empty);
        var e = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("""{"a":-1}"""u8.ToArray(), "akc.clock.v1"));
        Assert.Contains("0 or more", e.Message);
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "akc.nope.v1"));
    }
}
