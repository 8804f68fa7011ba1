using static AkkaCompute.Hosting.Tests.Jobs.JobFixture;

namespace AkkaCompute.Hosting.Tests.Jobs;

public sealed class JobSubstitutionNamesTests : IDisposable
{
    private readonly JobFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Every_substitution_written_in_the_file_is_named_even_when_a_later_one_wins()
    {
        var job = _fx.Parse("""
            vars {
              dir = "/default"
              dir = ${?SDK_DIR}
              dir = ${?DIR}
            }
            tasks = [ { id = "a", function = "echo", args { value = ${vars.dir}, n = ${?COUNT} } } ]
            """, Env(("DIR", "/given"), ("SDK_DIR", "/sdk")));
        Assert.Equal(["COUNT", "DIR", "SDK_DIR", "vars.dir"], job.SubstitutionNames);
        Assert.Equal("""{"value":"/given"}""", job.Tasks[0].Args.GetRawText());
    }

    [Fact]
    public void Substitutions_in_included_files_are_named()
    {
        _fx.Write("common.conf", "defaults { cwd = ${?WORK} }");
        var path = _fx.Write("job.conf", """
            include "common.conf"
            tasks = [ { id = "a", function = "noop" } ]
            """);
        var job = AkkaCompute.Hosting.Jobs.JobFileParser.ParseFile(path, Env());
        Assert.Equal(["WORK"], job.SubstitutionNames);
    }

    [Fact]
    public void A_file_without_substitutions_names_none()
    {
        Assert.Empty(_fx.Parse("""tasks = [ { id = "a", function = "noop" } ]""").SubstitutionNames);
    }
}
