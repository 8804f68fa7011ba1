using AkkaCompute.Remote.Serialization;
using AkkaCompute.Remote.Serialization.Proto;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Serialization;

public sealed class MiscMessageSerializerTests
{
    private static readonly FakeActorRef Subject = new("akc.tcp://sys@127.0.0.1:2552/user/worker#77");

    public static TheoryData<object, string> MessagesAndManifests => new()
    {
        { new Identify("id"), "ID" },
        { new ActorIdentity("id", Subject), "AID" },
        { PoisonPill.Instance, "PP" },
        { Kill.Instance, "K" },
        { new Status.Success(1), "S" },
        { new Status.Failure(new InvalidOperationException("x")), "F" },
    };

    [Theory]
    [MemberData(nameof(MessagesAndManifests))]
    public void Runtime_messages_are_bound_to_the_misc_serializer(object message, string expectedManifest)
    {
        var (id, manifest, _) = Harness.Write(Harness.NewRegistry(), message);

        Assert.Equal(SerializerIds.Misc, id);
        Assert.Equal(expectedManifest, manifest);
    }

    [Fact]
    public void Identify_round_trips_with_any_message_id()
    {
        Assert.Equal(new Identify(null), Harness.RoundTrip(new Identify(null)));
        Assert.Equal(new Identify("corr-1"), Harness.RoundTrip(new Identify("corr-1")));
        Assert.Equal(new Identify(42), Harness.RoundTrip(new Identify(42)));
        Assert.Equal(new Identify(new Ping(1, "p")), Harness.RoundTrip(new Identify(new Ping(1, "p"))));
    }

    [Fact]
    public void Actor_identity_round_trips_its_subject_through_the_resolver()
    {
        var back = Harness.RoundTrip(new ActorIdentity("corr", Subject));

        Assert.Equal("corr", back.MessageId);
        Assert.Equal(Subject, back.Subject);
        Assert.Equal(77, back.Subject!.Path.Uid);
    }

    [Fact]
    public void Actor_identity_without_a_subject_keeps_it_null()
    {
        Assert.Equal(new ActorIdentity(null, null), Harness.RoundTrip(new ActorIdentity(null, null)));
    }

    [Fact]
    public void Poison_pill_and_kill_are_empty_and_come_back_as_the_singletons()
    {
        var registry = Harness.NewRegistry();
        Assert.Empty(Harness.Write(registry, PoisonPill.Instance).Bytes);
        Assert.Same(PoisonPill.Instance, Harness.RoundTrip(registry, PoisonPill.Instance));
        Assert.Same(Kill.Instance, Harness.RoundTrip(registry, Kill.Instance));
    }

    [Fact]
    public void Poison_pill_with_a_payload_fails()
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Misc, "PP", [1]);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains("PoisonPill payload is empty, got 1 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_success_nests_its_payload_with_the_right_serializer()
    {
        Assert.Equal(new Status.Success(new Ping(3, "x")), Harness.RoundTrip(new Status.Success(new Ping(3, "x"))));
        Assert.Equal(new Status.Success(null), Harness.RoundTrip(new Status.Success(null)));
        Assert.Equal(new byte[] { 1, 2, 3 }, Harness.RoundTrip(new Status.Success(new byte[] { 1, 2, 3 })).Status);
        Assert.Equal(new Status.Success(new Heartbeat { Uid = 5 }), Harness.RoundTrip(new Status.Success(new Heartbeat { Uid = 5 })));
        Assert.Equal(new Status.Success(new Status.Success(PoisonPill.Instance)), Harness.RoundTrip(new Status.Success(new Status.Success(PoisonPill.Instance))));
    }

    [Fact]
    public void Status_failure_arrives_as_a_remote_exception_with_the_original_type_message_and_stack()
    {
        var cause = Thrown(new InvalidOperationException("boom"));

        var back = Assert.IsType<RemoteException>(Harness.RoundTrip(new Status.Failure(cause)).Cause);

        Assert.Equal("System.InvalidOperationException", back.OriginalTypeName);
        Assert.Equal("boom", back.Message);
        Assert.Equal(cause.StackTrace, back.OriginalStackTrace);
        Assert.Contains(nameof(Thrown), back.OriginalStackTrace, StringComparison.Ordinal);
        Assert.Contains("[System.InvalidOperationException] boom", back.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Never_thrown_exception_has_an_empty_stack_trace()
    {
        var back = Assert.IsType<RemoteException>(Harness.RoundTrip(new Status.Failure(new ArgumentException("bad"))).Cause);

        Assert.Equal("System.ArgumentException", back.OriginalTypeName);
        Assert.Equal("bad", back.Message);
        Assert.Equal(string.Empty, back.OriginalStackTrace);
    }

    [Fact]
    public void Remote_exception_passed_on_keeps_the_original_type_and_stack()
    {
        var remote = new RemoteException("My.CustomException", "far away", "at Far.Away()");

        var back = Assert.IsType<RemoteException>(Harness.RoundTrip(new Status.Failure(remote)).Cause);

        Assert.Equal("My.CustomException", back.OriginalTypeName);
        Assert.Equal("far away", back.Message);
        Assert.Equal("at Far.Away()", back.OriginalStackTrace);
    }

    [Fact]
    public void Long_failure_message_is_cut_at_the_limit()
    {
        var back = Assert.IsType<RemoteException>(
            Harness.RoundTrip(new Status.Failure(new Exception(new string('m', MiscMessageSerializer.MaxExceptionMessageChars + 10)))).Cause);

        Assert.Equal(MiscMessageSerializer.MaxExceptionMessageChars, back.Message.Length);
    }

    [Fact]
    public void Unknown_misc_manifest_fails_naming_the_known_ones()
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Misc, "XYZ", []);

        Assert.Equal(SerializationFailureReason.UnknownManifest, e.Reason);
        Assert.StartsWith("Cannot deserialize a payload with serializer id 16 and manifest 'XYZ': unknown manifest: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("ID, AID, PP, K, S and F", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ID")]
    [InlineData("AID")]
    [InlineData("S")]
    [InlineData("F")]
    public void Garbage_bytes_fail_for_every_protobuf_manifest(string manifest)
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Misc, manifest, [0x0F, 0xFF]);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.IsType<InvalidProtocolBufferException>(e.InnerException);
    }

    [Fact]
    public void Truncated_status_success_fails()
    {
        var registry = Harness.NewRegistry();
        var (id, manifest, bytes) = Harness.Write(registry, new Status.Success(new Ping(1, "truncate me")));

        var e = Harness.Fails(registry, id, manifest, bytes[..^3]);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
    }

    [Fact]
    public void Failure_of_a_nested_payload_names_the_outer_and_the_inner_payload()
    {
        var bytes = new StatusSuccessData { Status = new NestedPayload { SerializerId = 999, Manifest = "inner" } }.ToByteArray();

        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Misc, "S", bytes);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.StartsWith("Cannot deserialize a payload with serializer id 16 and manifest 'S': payload failed to deserialize: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("serializer id 999 and manifest 'inner': unknown serializer id", e.Message, StringComparison.Ordinal);
        Assert.Equal(SerializationFailureReason.UnknownSerializerId, Assert.IsType<SerializationFailedException>(e.InnerException).Reason);
    }

    [Fact]
    public void Refused_type_nested_in_a_status_is_refused()
    {
        var bytes = new StatusSuccessData
        {
            Status = new NestedPayload { SerializerId = SerializerIds.Json, Manifest = "System.IO.FileInfo, System.Runtime", Message = ByteString.CopyFromUtf8("{}") },
        }.ToByteArray();

        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Misc, "S", bytes);

        Assert.Equal(SerializationFailureReason.RefusedManifest, Assert.IsType<SerializationFailedException>(e.InnerException).Reason);
        Assert.Contains("refused manifest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_fails_on_the_way_in_without_exhausting_the_stack()
    {
        var bytes = Array.Empty<byte>();
        var manifest = "PP";
        for (var level = 0; level < 1_000; level++)
        {
            bytes = new StatusSuccessData { Status = new NestedPayload { SerializerId = SerializerIds.Misc, Manifest = manifest, Message = ByteString.CopyFrom(bytes) } }.ToByteArray();
            manifest = "S";
        }

        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Misc, "S", bytes);

        Assert.Contains($"payloads nest deeper than {SerializationRegistry.MaxNestingDepth} levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_at_the_limit_round_trips_and_one_deeper_fails_on_the_way_out()
    {
        object AtDepth(int depth)
        {
            object message = PoisonPill.Instance;
            for (var i = 1; i < depth; i++)
            {
                message = new Status.Success(message);
            }

            return message;
        }

        var registry = Harness.NewRegistry();
        Assert.Equal(AtDepth(SerializationRegistry.MaxNestingDepth), Harness.RoundTrip(registry, AtDepth(SerializationRegistry.MaxNestingDepth)));

        var e = Assert.Throws<SerializationFailedException>(() => Harness.Write(registry, AtDepth(SerializationRegistry.MaxNestingDepth + 1)));
        Assert.Equal(SerializationFailureReason.SerializeFailed, e.Reason);
        Assert.Contains($"payloads nest deeper than {SerializationRegistry.MaxNestingDepth} levels", e.Message, StringComparison.Ordinal);

        // The depth counter is back at zero after a failure.
        Assert.Equal(AtDepth(SerializationRegistry.MaxNestingDepth), Harness.RoundTrip(registry, AtDepth(SerializationRegistry.MaxNestingDepth)));
    }

    [Fact]
    public void Unhandled_type_is_rejected_when_serialized_directly()
    {
        var serializer = new MiscMessageSerializer(Harness.NewRegistry());
        Assert.Throws<ArgumentException>(() => serializer.Manifest(new Ping(1, "x")));
        Assert.Throws<ArgumentException>(() => serializer.ToBinary(new Ping(1, "x"), new System.Buffers.ArrayBufferWriter<byte>()));
    }

    private static Exception Thrown(Exception e)
    {
        try
        {
            throw e;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
