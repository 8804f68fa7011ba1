using AkkaCompute.Hosting.Hocon;
using Microsoft.Extensions.Configuration;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconConfigurationTests
{
    private const string Text = """
        compute {
          name = node-1
          workers = 8
          timeout = 30s
          roles = [worker, scheduler]
          limits { tasks = 100, bytes = 1MiB }
          empty {}
          nothing = null
        }
        """;

    public sealed record LimitsSettings(int Tasks, string Bytes);

    public sealed class ComputeSettings
    {
        public string Name { get; set; } = "";
        public int Workers { get; set; }
        public string Timeout { get; set; } = "";
        public List<string> Roles { get; set; } = new();
        public LimitsSettings? Limits { get; set; }
    }

    [Fact]
    public void Flattens_keys_with_colons_and_array_indexes()
    {
        var config = new ConfigurationBuilder().AddHoconString(Text, Hocon.Env()).Build();
        Assert.Equal("node-1", config["compute:name"]);
        Assert.Equal("8", config["compute:workers"]);
        Assert.Equal("worker", config["compute:roles:0"]);
        Assert.Equal("scheduler", config["compute:roles:1"]);
        Assert.Equal("100", config["compute:limits:tasks"]);
        Assert.Null(config["compute:nothing"]);
        Assert.Equal("node-1", config["COMPUTE:NAME"]);
    }

    [Fact]
    public void Binds_a_class_with_a_nested_record()
    {
        var config = new ConfigurationBuilder().AddHoconString(Text, Hocon.Env()).Build();
        var settings = config.GetSection("compute").Get<ComputeSettings>()!;
        Assert.Equal("node-1", settings.Name);
        Assert.Equal(8, settings.Workers);
        Assert.Equal(new[] { "worker", "scheduler" }, settings.Roles);
        Assert.Equal(new LimitsSettings(100, "1MiB"), settings.Limits);
        Assert.Equal(TimeSpan.FromSeconds(30), HoconDuration.Parse(settings.Timeout));
    }

    [Fact]
    public void Adds_a_file_and_reports_origins()
    {
        using var dir = new TempDirectory();
        dir.Write("common.conf", "shared = yes");
        var path = dir.Write("app.conf", "include \"common.conf\"\n\napp {\n  port = 8080\n}\n");
        var config = new ConfigurationBuilder().AddHoconFile(path, environment: Hocon.Env()).Build();
        Assert.Equal("8080", config["app:port"]);
        Assert.True(config.TryGetHoconOrigin("app:port", out var origin));
        Assert.Equal(new HoconOrigin(path, 4, 10), origin);
        Assert.True(config.TryGetHoconOrigin("SHARED", out var shared));
        Assert.EndsWith("common.conf", shared!.File);

        var provider = config.Providers.OfType<HoconConfigurationProvider>().Single();
        Assert.True(provider.TryGetOrigin("app:port", out var direct));
        Assert.Equal(origin, direct);
        Assert.False(provider.TryGetOrigin("app:missing", out _));
        Assert.Equal(8080, provider.Document!.GetInt("app.port"));
    }

    [Fact]
    public void Later_sources_override_earlier_ones_and_origin_follows_the_winner()
    {
        var config = new ConfigurationBuilder()
            .AddHoconString("a = 1\nb = 2", Hocon.Env())
            .AddHoconString("\nb = 3", Hocon.Env())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["c"] = "4" })
            .Build();
        Assert.Equal("1", config["a"]);
        Assert.Equal("3", config["b"]);
        Assert.True(config.TryGetHoconOrigin("b", out var origin));
        Assert.Equal(2, origin!.Line);
        Assert.False(config.TryGetHoconOrigin("c", out _));
        Assert.False(config.TryGetHoconOrigin("zzz", out _));
    }

    [Fact]
    public void Optional_missing_file_adds_nothing()
    {
        using var dir = new TempDirectory();
        var config = new ConfigurationBuilder().AddHoconFile(System.IO.Path.Combine(dir.Path, "none.conf"), optional: true).Build();
        Assert.Empty(config.AsEnumerable());
    }

    [Fact]
    public void Required_missing_file_fails_at_build()
    {
        using var dir = new TempDirectory();
        var builder = new ConfigurationBuilder().AddHoconFile(System.IO.Path.Combine(dir.Path, "none.conf"));
        Assert.Throws<FileNotFoundException>(() => builder.Build());
    }

    [Fact]
    public void Invalid_document_fails_at_build_with_position()
    {
        var builder = new ConfigurationBuilder().AddHoconString("a = 1\nb [", Hocon.Env());
        var e = Assert.Throws<HoconParseException>(() => builder.Build());
        Assert.Equal((2, 3), (e.Line, e.Column));
    }

    [Fact]
    public void Environment_is_injected_through_the_source()
    {
        var config = new ConfigurationBuilder().AddHoconString("home = ${?HOME_DIR}", Hocon.Env(("HOME_DIR", "/h"))).Build();
        Assert.Equal("/h", config["home"]);
    }

    [Fact]
    public void Flattener_marks_empty_containers_with_null()
    {
        var entries = HoconFlattener.Flatten(Hocon.Parse("a {}\nb = []\nc = [x]"));
        Assert.Equal(new[] { "a", "b", "c:0" }, entries.Select(e => e.Key));
        Assert.Null(entries[0].Value);
        Assert.Equal("x", entries[2].Value);
    }
}
