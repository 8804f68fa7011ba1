using System.Text;
using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests;

public sealed class SerializerTests
{
    private readonly JsonPersistenceSerializer _serializer = new();

    [Fact]
    public void Default_manifest_is_full_name_and_assembly_name_and_round_trips()
    {
        var evt = new TestEvent("p", 3, "hello");

        var serialized = _serializer.Serialize(evt);

        Assert.Equal("AkkaCompute.Persistence.Tests.TestEvent, AkkaCompute.Persistence.Tests", serialized.Manifest);
        Assert.Equal(evt, _serializer.Deserialize(serialized.Data, serialized.Manifest));
    }

    [Fact]
    public void Round_trips_primitives_collections_and_nested_records()
    {
        object[] values = ["text", 42, 4.5, new TestState("s", [1, 2, 3]), new List<TestEvent> { new("a", 1), new("b", 2) }];

        foreach (var value in values)
        {
            var s = _serializer.Serialize(value);
            var back = _serializer.Deserialize(s.Data, s.Manifest);
            Assert.Equal(value.GetType(), back.GetType());
            Assert.Equal(Encoding.UTF8.GetString(s.Data), Encoding.UTF8.GetString(_serializer.Serialize(back).Data));
        }
    }

    [Fact]
    public void Bind_writes_and_reads_a_stable_manifest()
    {
        _serializer.Bind<TestEvent>("test.event.v1");

        var s = _serializer.Serialize(new TestEvent("p", 1));

        Assert.Equal("test.event.v1", s.Manifest);
        Assert.Equal(new TestEvent("p", 1), _serializer.Deserialize(s.Data, "test.event.v1"));
        Assert.Equal("test.event.v1", _serializer.ManifestFor(typeof(TestEvent)));
    }

    [Fact]
    public void Alias_reads_an_old_name_without_changing_what_is_written()
    {
        _serializer.Alias<TestEvent>("Old.Namespace.Event, OldAssembly");
        var data = Encoding.UTF8.GetBytes("""{"PersistenceId":"p","SequenceNr":9,"Text":"old"}""");

        Assert.Equal(new TestEvent("p", 9, "old"), _serializer.Deserialize(data, "Old.Namespace.Event, OldAssembly"));
        Assert.Equal(_serializer.ManifestFor(typeof(TestEvent)), _serializer.Serialize(new TestEvent("p", 1)).Manifest);
        Assert.Contains("TestEvent", _serializer.ManifestFor(typeof(TestEvent)));
    }

    [Fact]
    public void A_manifest_registered_for_two_types_is_refused()
    {
        _serializer.Bind<TestEvent>("shared");

        Assert.Throws<ArgumentException>(() => _serializer.Alias<TestState>("shared"));
        Assert.Throws<ArgumentException>(() => _serializer.Bind<TestState>(""));
    }

    [Fact]
    public void Binding_a_type_after_it_was_written_under_another_name_is_refused()
    {
        _serializer.Serialize(new TestEvent("p", 1));

        var error = Assert.Throws<InvalidOperationException>(() => _serializer.Bind<TestEvent>("late"));

        Assert.Contains("before first use", error.Message);
    }

    [Fact]
    public void Unknown_manifest_throws_naming_it()
    {
        var error = Assert.Throws<PersistenceSerializationException>(() => _serializer.Deserialize("{}"u8, "No.Such.Type, NoSuchAssembly"));

        Assert.Equal("No.Such.Type, NoSuchAssembly", error.Manifest);
        Assert.Contains("unknown manifest 'No.Such.Type, NoSuchAssembly'", error.Message);
    }

    [Fact]
    public void Malformed_data_throws_naming_the_type()
    {
        var manifest = _serializer.ManifestFor(typeof(TestEvent));

        var error = Assert.Throws<PersistenceSerializationException>(() => _serializer.Deserialize("{not json"u8, manifest));

        Assert.Contains(typeof(TestEvent).FullName!, error.Message);
        Assert.Equal(manifest, error.Manifest);
    }

    [Fact]
    public void Unserializable_payload_throws_naming_the_type()
    {
        var error = Assert.Throws<PersistenceSerializationException>(() => _serializer.Serialize(new Holder(() => { })));

        Assert.Contains(nameof(Holder), error.Message);
    }

    public sealed record Holder(Action Callback);
}
