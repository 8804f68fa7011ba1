using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconGetterTests
{
    private static readonly HoconObject Root = HoconParser.Parse(
        """
        compute {
          name = "node-1"
          workers = 8
          big = 9999999999
          ratio = 0.75
          enabled = yes
          timeout = 30s
          bare-timeout = 250
          memory = 512MiB
          roles = [worker, "scheduler"]
          mixed = [1, { a = 1 }]
          nothing = null
          nested { deep = 1 }
        }
        """,
        "job.conf",
        Hocon.Env());

    [Fact]
    public void Typed_getters_convert_values()
    {
        Assert.Equal("node-1", Root.GetString("compute.name"));
        Assert.Equal(8, Root.GetInt("compute.workers"));
        Assert.Equal(9999999999L, Root.GetLong("compute.big"));
        Assert.Equal(0.75, Root.GetDouble("compute.ratio"));
        Assert.True(Root.GetBool("compute.enabled"));
        Assert.Equal(TimeSpan.FromSeconds(30), Root.GetDuration("compute.timeout"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), Root.GetDuration("compute.bare-timeout"));
        Assert.Equal(512L * 1024 * 1024, Root.GetSize("compute.memory"));
        Assert.Equal(new[] { "worker", "scheduler" }, Root.GetStringList("compute.roles"));
        Assert.Equal("8", Root.GetString("compute.workers"));
    }

    [Fact]
    public void HasPath_is_false_for_missing_and_null()
    {
        Assert.True(Root.HasPath("compute.name"));
        Assert.False(Root.HasPath("compute.nothing"));
        Assert.False(Root.HasPath("compute.absent"));
        Assert.False(Root.HasPath("compute.name.deeper"));
        Assert.True(Root.TryGetValue("compute.nothing", out _));
    }

    [Fact]
    public void Missing_setting_names_the_path_and_file()
    {
        var e = Assert.Throws<HoconPathException>(() => Root.GetString("compute.absent"));
        Assert.Equal("compute.absent", e.Path);
        Assert.Null(e.Origin);
        Assert.Equal("setting 'compute.absent' is missing (in the configuration read from job.conf)", e.Message);
    }

    [Fact]
    public void Wrong_type_names_origin_path_value_and_expected_type()
    {
        var e = Assert.Throws<HoconPathException>(() => Root.GetInt("compute.name"));
        Assert.Equal(new HoconOrigin("job.conf", 2, 10), e.Origin);
        Assert.Equal("job.conf:2:10: setting 'compute.name' has value 'node-1' (string) which is not an integer", e.Message);
    }

    [Fact]
    public void Invalid_duration_includes_the_parse_reason()
    {
        var e = Assert.Throws<HoconPathException>(() => Root.GetDuration("compute.name"));
        Assert.Contains("which is not a duration", e.Message);
        Assert.Contains("'node-1' is not a number", e.Message);
        Assert.Contains("unknown unit 'parsecs'", Assert.Throws<HoconPathException>(() => HoconParser.Parse("t = 3 parsecs", null, Hocon.Env()).GetDuration("t")).Message);
    }

    [Fact]
    public void Null_object_and_array_are_reported_by_kind()
    {
        Assert.Contains("is null, not a string", Assert.Throws<HoconPathException>(() => Root.GetString("compute.nothing")).Message);
        Assert.Contains("is an object, not a string", Assert.Throws<HoconPathException>(() => Root.GetString("compute.nested")).Message);
        Assert.Contains("is an array, not an integer", Assert.Throws<HoconPathException>(() => Root.GetInt("compute.roles")).Message);
        Assert.Contains("which is not an object", Assert.Throws<HoconPathException>(() => Root.GetObject("compute.name")).Message);
    }

    [Fact]
    public void Out_of_range_int_is_an_error()
    {
        Assert.Contains("out of range", Assert.Throws<HoconPathException>(() => Root.GetInt("compute.big")).Message);
    }

    [Fact]
    public void String_list_element_of_wrong_type_names_the_index()
    {
        var e = Assert.Throws<HoconPathException>(() => Root.GetStringList("compute.mixed"));
        Assert.Equal("compute.mixed[1]", e.Path);
    }

    [Fact]
    public void GetObject_returns_an_object_whose_errors_use_full_paths()
    {
        var compute = Root.GetObject("compute");
        Assert.Equal(8, compute.GetInt("workers"));
        var e = Assert.Throws<HoconPathException>(() => compute.GetObject("nested").GetString("missing"));
        Assert.Equal("compute.nested.missing", e.Path);
    }

    [Fact]
    public void Invalid_path_expression_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => Root.GetString("compute..name"));
    }
}
