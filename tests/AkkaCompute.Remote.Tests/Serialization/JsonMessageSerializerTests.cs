using System.Text;
using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote.Tests.Serialization;

public sealed class JsonMessageSerializerTests
{
    private const string PingManifest = "AkkaCompute.Remote.Tests.Serialization.Ping, AkkaCompute.Remote.Tests";

    [Fact]
    public void Positional_record_round_trips_with_its_type_manifest()
    {
        var registry = Harness.NewRegistry();
        var (id, manifest, bytes) = Harness.Write(registry, new Ping(7, "hello"));

        Assert.Equal(SerializerIds.Json, id);
        Assert.Equal(PingManifest, manifest);
        Assert.Equal("""{"Id":7,"Text":"hello"}""", Encoding.UTF8.GetString(bytes));
        Assert.Equal(new Ping(7, "hello"), registry.Deserialize(id, manifest, bytes));
    }

    [Fact]
    public void Primitives_and_strings_round_trip()
    {
        Assert.Equal(42, Harness.RoundTrip(42));
        Assert.Equal(-9_000_000_000L, Harness.RoundTrip(-9_000_000_000L));
        Assert.Equal(3.25, Harness.RoundTrip(3.25));
        Assert.Equal(double.NaN, Harness.RoundTrip(double.NaN));
        Assert.Equal(double.NegativeInfinity, Harness.RoundTrip(double.NegativeInfinity));
        Assert.Equal(12.345m, Harness.RoundTrip(12.345m));
        Assert.True(Harness.RoundTrip(true));
        Assert.Equal('x', Harness.RoundTrip('x'));
        Assert.Equal("", Harness.RoundTrip(""));
        Assert.Equal("tab\t quote\" emoji \U0001F600 nul\0 ü", Harness.RoundTrip("tab\t quote\" emoji \U0001F600 nul\0 ü"));
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(id, Harness.RoundTrip(id));
        var at = new DateTimeOffset(2025, 6, 11, 10, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal(at, Harness.RoundTrip(at));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Harness.RoundTrip(TimeSpan.FromMilliseconds(1500)));
    }

    [Fact]
    public void Lone_surrogates_are_replaced_with_the_replacement_character()
    {
        // Invalid UTF-16 cannot be encoded as UTF-8: System.Text.Json writes U+FFFD instead of throwing.
        Assert.Equal(new Ping(1, "a\uFFFDb"), Harness.RoundTrip(new Ping(1, "a\uD800b")));
    }

    [Fact]
    public void Primitive_manifest_names_the_core_library()
    {
        var serializer = new JsonMessageSerializer(new FakeActorRefResolver());
        Assert.Equal("System.Int32, System.Private.CoreLib", serializer.Manifest(1));
        Assert.Equal("System.String, System.Private.CoreLib", serializer.Manifest("s"));
    }

    [Fact]
    public void Manifest_is_cached_per_type()
    {
        var serializer = new JsonMessageSerializer(new FakeActorRefResolver());
        Assert.Same(serializer.Manifest(new Ping(1, "a")), serializer.Manifest(new Ping(2, "b")));
    }

    [Fact]
    public void Nested_collections_round_trip()
    {
        var order = new Order(
            "o-1",
            [new OrderLine("sku-1", 2.5m), new OrderLine("sku-2", 1m)],
            new Dictionary<string, List<int>> { ["a"] = [1, 2, 3], ["empty"] = [] },
            [[1, 2], [], [3]]);

        var back = Harness.RoundTrip(order);

        Assert.Equivalent(order, back, strict: true);
        Assert.Equal(order.Lines, back.Lines);
    }

    [Fact]
    public void Generic_collection_as_the_message_round_trips()
    {
        var message = new Dictionary<string, Ping> { ["x"] = new Ping(1, "one") };
        var back = Harness.RoundTrip(message);
        Assert.Equal(message, back);
    }

    [Fact]
    public void Actor_refs_in_properties_lists_and_dictionaries_round_trip_through_the_resolver()
    {
        var resolver = new FakeActorRefResolver();
        var registry = new SerializationRegistry(resolver);
        var target = new FakeActorRef("akc.tcp://sys@127.0.0.1:2552/user/a#12");
        var watcher = new FakeActorRef("akc.tcp://other@10.0.0.2:2552/user/w/child#-5");
        var message = new Routed(target, null, [watcher, null, target], new Dictionary<string, IActorRef> { ["t"] = target });

        var (id, manifest, bytes) = Harness.Write(registry, message);
        var json = Encoding.UTF8.GetString(bytes);
        var back = Assert.IsType<Routed>(registry.Deserialize(id, manifest, bytes));

        Assert.Contains("\"Target\":\"akc.tcp://sys@127.0.0.1:2552/user/a#12\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ReplyTo\":null", json, StringComparison.Ordinal);
        Assert.Equal(target, back.Target);
        Assert.Equal(12, back.Target.Path.Uid);
        Assert.Null(back.ReplyTo);
        Assert.Equal(new IActorRef?[] { watcher, null, target }, back.Watchers);
        Assert.Equal(target, back.ByName["t"]);
        Assert.Equal(4, resolver.Written);
        Assert.Equal(4, resolver.Resolved);
    }

    [Fact]
    public void Actor_ref_that_is_not_a_json_string_fails_the_payload()
    {
        var registry = Harness.NewRegistry();
        var manifest = TypeName<Routed>();
        var bytes = Encoding.UTF8.GetBytes("""{"Target":42,"ReplyTo":null,"Watchers":[],"ByName":{}}""");

        var e = Harness.Fails(registry, SerializerIds.Json, manifest, bytes);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains("An actor reference must be a JSON string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_bytes_fail_with_the_json_error()
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Json, PingManifest, Encoding.UTF8.GetBytes("<not json/>"));

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Equal(SerializerIds.Json, e.SerializerId);
        Assert.Equal(PingManifest, e.Manifest);
        Assert.StartsWith($"Cannot deserialize a payload with serializer id 1 and manifest '{PingManifest}': payload failed to deserialize: ", e.Message, StringComparison.Ordinal);
        var inner = Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
        Assert.EndsWith(inner.Message, e.Message, StringComparison.Ordinal);
        Assert.Contains("is an invalid start of a value", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_bytes_fail()
    {
        var registry = Harness.NewRegistry();
        var (id, manifest, bytes) = Harness.Write(registry, new Ping(7, "hello"));

        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Harness.Fails(registry, id, manifest, bytes[..length]);
            Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
            Assert.Contains("payload failed to deserialize", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_null_is_not_a_message()
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Json, PingManifest, Encoding.UTF8.GetBytes("null"));
        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains("JSON null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_json_limit_fails()
    {
        var json = new string('[', JsonMessageSerializer.MaxDepth + 1) + new string(']', JsonMessageSerializer.MaxDepth + 1);
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Json, "System.Object[], System.Private.CoreLib", Encoding.UTF8.GetBytes(json));
        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains("depth", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Serializer_reuses_its_writer_across_many_messages_and_buffers()
    {
        var registry = Harness.NewRegistry();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(new Ping(i, new string('x', i)), Harness.RoundTrip(registry, new Ping(i, new string('x', i))));
        }
    }

    private static string TypeName<T>() => typeof(T).FullName + ", " + typeof(T).Assembly.GetName().Name;
}
