using System.Text;
using System.Text.Json;
using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Compute.Tests.Distributed;

/// <summary>The converter that reads recently seen strings back as one instance, least recently used out.</summary>
public sealed class RecentStringConverterTests
{
    private static readonly RecentStringConverter Converter = new();

    private static string Read(string value)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        reader.Read();
        return Converter.Read(ref reader, typeof(string), JsonSerializerOptions.Default)!;
    }

    [Fact]
    public void A_value_read_again_stays_shared_while_fewer_other_values_than_the_capacity_come_between_its_reads()
    {
        var shared = Read("home");
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < RecentStringConverter.Capacity - 1; i++)
            {
                Assert.Equal($"other-{round}-{i}", Read($"other-{round}-{i}"));
            }

            Assert.Same(shared, Read("home")); // first in, but used again: a first-in-first-out ring would have dropped it
        }
    }

    [Fact]
    public void A_value_not_read_while_capacity_others_were_is_read_as_a_new_instance_with_the_same_text()
    {
        var first = Read("job-1");
        for (var i = 0; i < RecentStringConverter.Capacity; i++)
        {
            Read($"x{i}");
        }

        var again = Read("job-1");
        Assert.Equal(first, again);
        Assert.NotSame(first, again);
        Assert.Equal("a\"b\\u00e9", Read("a\"b\\u00e9"));
    }

    [Fact]
    public void A_value_that_is_not_a_string_is_a_json_error()
    {
        Assert.Throws<JsonException>(() =>
        {
            var reader = new Utf8JsonReader("5"u8);
            reader.Read();
            Converter.Read(ref reader, typeof(string), JsonSerializerOptions.Default);
        });
    }
}
