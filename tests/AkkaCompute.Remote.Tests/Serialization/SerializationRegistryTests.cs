using AkkaCompute.Remote.Serialization;
using AkkaCompute.Remote.Wire;

namespace AkkaCompute.Remote.Tests.Serialization;

public sealed class SerializationRegistryTests
{
    [Fact]
    public void Built_in_serializers_are_found_by_their_default_bindings()
    {
        var registry = Harness.NewRegistry();

        Assert.IsType<JsonMessageSerializer>(registry.FindSerializerFor(new Ping(1, "a")));
        Assert.IsType<JsonMessageSerializer>(registry.FindSerializerFor(42));
        Assert.IsType<JsonMessageSerializer>(registry.FindSerializerFor("text"));
        Assert.IsType<JsonMessageSerializer>(registry.FindSerializerFor(new List<int>()));
        Assert.IsType<ProtobufSerializer>(registry.FindSerializerFor(new Heartbeat()));
        Assert.IsType<ByteArraySerializer>(registry.FindSerializerFor(new byte[1]));
        Assert.IsType<MiscMessageSerializer>(registry.FindSerializerFor(PoisonPill.Instance));
        Assert.IsType<MiscMessageSerializer>(registry.FindSerializerFor(new Status.Failure(new Exception())));
    }

    [Fact]
    public void Built_in_ids_are_the_documented_constants()
    {
        var resolver = new FakeActorRefResolver();
        Assert.Equal(1, new JsonMessageSerializer(resolver).Identifier);
        Assert.Equal(2, new ProtobufSerializer().Identifier);
        Assert.Equal(4, new ByteArraySerializer().Identifier);
        Assert.Equal(16, new MiscMessageSerializer(new SerializationRegistry(resolver)).Identifier);
    }

    [Fact]
    public void Resolver_is_the_one_given()
    {
        var resolver = new FakeActorRefResolver();
        Assert.Same(resolver, new SerializationRegistry(resolver).Resolver);
    }

    [Fact]
    public void Duplicate_id_is_rejected_naming_both_serializers()
    {
        var registry = Harness.NewRegistry();

        var e = Assert.Throws<ArgumentException>(() => registry.Register(new TagSerializer(SerializerIds.Json)));

        Assert.Contains("TagSerializer (id 1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("JsonMessageSerializer (id 1)", e.Message, StringComparison.Ordinal);
        Assert.IsType<JsonMessageSerializer>(registry.FindSerializerFor(new Ping(1, "still json")));
    }

    [Fact]
    public void Registering_the_same_user_id_twice_is_rejected()
    {
        var registry = Harness.NewRegistry();
        registry.Register(new TagSerializer(100));
        Assert.Throws<ArgumentException>(() => registry.Register(new TagSerializer(100)));
    }

    [Fact]
    public void Binding_to_an_unregistered_id_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Harness.NewRegistry().Bind<Ping>(123));

        Assert.Contains("no serializer is registered with that id (registered: 1, 2, 4, 16)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_serializer_round_trips_through_the_registry()
    {
        var registry = RegistryWithTags();
        registry.Bind<Ping>(100);

        var (id, manifest, bytes) = Harness.Write(registry, new Ping(1, "a"));

        Assert.Equal(100, id);
        Assert.Equal("tag", manifest);
        Assert.Equal(new Tagged(100, new Ping(1, "a").ToString()), registry.Deserialize(id, manifest, bytes));
    }

    [Fact]
    public void Most_derived_bound_class_wins()
    {
        var registry = RegistryWithTags();
        registry.Bind<BaseEvent>(100);
        registry.Bind<DerivedEvent>(101);

        Assert.Equal(100, registry.FindSerializerFor(new BaseEvent()).Identifier);
        Assert.Equal(101, registry.FindSerializerFor(new DerivedEvent()).Identifier);
        Assert.Equal(101, registry.FindSerializerFor(new LeafEvent()).Identifier);
    }

    [Fact]
    public void Bind_order_does_not_matter()
    {
        var registry = RegistryWithTags();
        registry.Bind<DerivedEvent>(101);
        registry.Bind<BaseEvent>(100);

        Assert.Equal(101, registry.FindSerializerFor(new LeafEvent()).Identifier);
    }

    [Fact]
    public void Derived_interface_beats_its_base_interface_and_the_exact_type_beats_both()
    {
        var registry = RegistryWithTags();
        registry.Bind<IA>(100);
        registry.Bind<IB>(101);
        Assert.Equal(101, registry.FindSerializerFor(new ImplementsB()).Identifier);

        registry.Bind<ImplementsB>(102);
        Assert.Equal(102, registry.FindSerializerFor(new ImplementsB()).Identifier);
    }

    [Fact]
    public void Unrelated_matching_bindings_with_different_serializers_are_ambiguous()
    {
        var registry = RegistryWithTags();
        registry.Bind<IA>(100);
        registry.Bind<IC>(101);

        var e = Assert.Throws<InvalidOperationException>(() => registry.FindSerializerFor(new ImplementsAAndC()));

        Assert.Contains("Ambiguous serializer bindings", e.Message, StringComparison.Ordinal);
        Assert.Contains("IA -> TagSerializer (id 100)", e.Message, StringComparison.Ordinal);
        Assert.Contains("IC -> TagSerializer (id 101)", e.Message, StringComparison.Ordinal);

        registry.Bind<ImplementsAAndC>(102);
        Assert.Equal(102, registry.FindSerializerFor(new ImplementsAAndC()).Identifier);
    }

    [Fact]
    public void Bound_base_class_and_bound_interface_with_different_serializers_are_ambiguous()
    {
        var registry = RegistryWithTags();
        registry.Bind<BaseEvent>(100);
        registry.Bind<IA>(101);

        Assert.Throws<InvalidOperationException>(() => registry.FindSerializerFor(new DerivedAndA()));
    }

    [Fact]
    public void Unrelated_matching_bindings_to_the_same_serializer_are_fine()
    {
        var registry = RegistryWithTags();
        registry.Bind<IA>(100);
        registry.Bind<IC>(100);

        Assert.Equal(100, registry.FindSerializerFor(new ImplementsAAndC()).Identifier);
    }

    [Fact]
    public void Unbound_types_default_to_json_even_with_other_bindings()
    {
        var registry = RegistryWithTags();
        registry.Bind<IA>(100);

        Assert.IsType<JsonMessageSerializer>(registry.FindSerializerFor(new LeafEvent()));
    }

    [Fact]
    public void A_later_binding_replaces_an_earlier_one_and_the_cache()
    {
        var registry = RegistryWithTags();
        Assert.IsType<JsonMessageSerializer>(registry.FindSerializerFor(new Ping(1, "a")));

        registry.Bind<Ping>(100);
        Assert.Equal(100, registry.FindSerializerFor(new Ping(1, "a")).Identifier);

        registry.Bind<Ping>(101);
        Assert.Equal(101, registry.FindSerializerFor(new Ping(1, "a")).Identifier);
    }

    [Fact]
    public void Built_in_binding_can_be_overridden()
    {
        var registry = Harness.NewRegistry();
        registry.Bind<byte[]>(SerializerIds.Json);

        var (id, _, bytes) = Harness.Write(registry, new byte[] { 1, 2 });

        Assert.Equal(SerializerIds.Json, id);
        Assert.Equal("\"AQI=\""u8.ToArray(), bytes);
    }

    [Fact]
    public void Unknown_serializer_id_fails_naming_the_id_the_manifest_and_the_known_ids()
    {
        var e = Harness.Fails(Harness.NewRegistry(), 42, "Some.Type, Some", [1, 2, 3]);

        Assert.Equal(SerializationFailureReason.UnknownSerializerId, e.Reason);
        Assert.Equal(42, e.SerializerId);
        Assert.Equal("Some.Type, Some", e.Manifest);
        Assert.Equal(
            "Cannot deserialize a payload with serializer id 42 and manifest 'Some.Type, Some': unknown serializer id: no serializer is registered with id 42 (registered: 1, 2, 4, 16)",
            e.Message);
    }

    [Fact]
    public void Serializer_exception_during_serialization_is_wrapped_with_the_message_type()
    {
        var registry = Harness.NewRegistry();

        var e = Assert.Throws<SerializationFailedException>(() => Harness.Write(registry, new WithDelegate(() => { })));

        Assert.Equal(SerializationFailureReason.SerializeFailed, e.Reason);
        Assert.Equal(SerializerIds.Json, e.SerializerId);
        Assert.StartsWith("Cannot serialize a payload with serializer id 1 and manifest 'AkkaCompute.Remote.Tests.Serialization.WithDelegate, AkkaCompute.Remote.Tests': payload failed to serialize: message of type AkkaCompute.Remote.Tests.Serialization.WithDelegate: ", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public void Serializer_returning_null_fails_the_payload()
    {
        var registry = Harness.NewRegistry();
        registry.Register(new NullSerializer());

        var e = Harness.Fails(registry, NullSerializer.Id, "m", []);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains("returned null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        var registry = Harness.NewRegistry();
        Assert.Throws<ArgumentNullException>(() => new SerializationRegistry(null!));
        Assert.Throws<ArgumentNullException>(() => registry.Register(null!));
        Assert.Throws<ArgumentNullException>(() => registry.Bind(null!, 1));
        Assert.Throws<ArgumentNullException>(() => registry.FindSerializerFor(null!));
        Assert.Throws<ArgumentNullException>(() => registry.Serialize(null!, new System.Buffers.ArrayBufferWriter<byte>(), out _, out _));
        Assert.Throws<ArgumentNullException>(() => registry.Serialize(1, null!, out _, out _));
        Assert.Throws<ArgumentNullException>(() => registry.Deserialize(1, null!, []));
    }

    [Fact]
    public void Concurrent_serialization_from_many_threads_round_trips()
    {
        var registry = Harness.NewRegistry();
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            object message = (i % 4) switch
            {
                0 => new Ping(i, "p"),
                1 => new Heartbeat { Uid = i },
                2 => new Status.Success(new Ping(i, "nested")),
                _ => new byte[] { (byte)i },
            };
            var (id, manifest, bytes) = Harness.Write(registry, message);
            var back = registry.Deserialize(id, manifest, bytes);
            if (message is byte[] raw)
            {
                Assert.Equal(raw, back);
            }
            else
            {
                Assert.Equal(message, back);
            }
        });
    }

    private static SerializationRegistry RegistryWithTags()
    {
        var registry = Harness.NewRegistry();
        registry.Register(new TagSerializer(100));
        registry.Register(new TagSerializer(101));
        registry.Register(new TagSerializer(102));
        return registry;
    }
}
