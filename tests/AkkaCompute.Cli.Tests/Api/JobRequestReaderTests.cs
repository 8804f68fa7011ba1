using AkkaCompute.Cli.Api;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Hosting.Jobs;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>How <c>POST /api/v1/jobs</c> reads its body (<see cref="JobRequestReader"/>): job files and JSON batches, checked as <c>akc run</c> checks a job file.</summary>
public sealed class JobRequestReaderTests
{
    private static readonly FunctionRegistry Functions = FunctionRegistry.CreateWithBuiltIns();
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_batch_is_an_array_of_tasks_named_by_the_job_parameter_or_a_generated_id()
    {
        var job = JobRequestReader.Read("""[{"id": "a", "function": "noop"}, {"id": "b", "shell": "true", "depends-on": ["a"]}]""", "mine", Functions, "/tmp", Now);
        Assert.Equal("mine", job.Name);
        Assert.Equal(["a", "b"], job.Tasks.Select(t => t.Id));
        Assert.Equal(["a"], job.Tasks[1].DependsOn);

        var unnamed = JobRequestReader.Read("""[{"id": "a", "function": "noop"}]""", null, Functions, "/tmp", Now);
        Assert.Equal("batch-20261206-120000-000", unnamed.Name);
    }

    [Fact]
    public void A_job_file_keeps_its_name_unless_the_parameter_overrides_it()
    {
        const string text = "job { name = \"from-file\" }\ntasks = [ { id = \"a\", function = \"noop\" } ]";
        Assert.Equal("from-file", JobRequestReader.Read(text, null, Functions, "/tmp", Now).Name);
        Assert.Equal("other", JobRequestReader.Read(text, "other", Functions, "/tmp", Now).Name);
    }

    [Fact]
    public void Problems_in_a_batch_have_the_positions_of_the_body_as_sent()
    {
        const string body = "[{\"id\": \"a\", \"function\": \"nope\"},\n {\"id\": \"b\", \"function\": \"sha256\", \"args\": {\"no-such-arg\": 1}}]";
        var e = Assert.Throws<JobFileException>(() => JobRequestReader.Read(body, "j", Functions, "/tmp", Now));
        var unknown = Assert.Single(e.Errors, x => x.Reason.Contains("unknown function 'nope'"));
        Assert.Equal((1, 26), (unknown.Line, unknown.Column));
        Assert.Equal("j.json", unknown.File);
        Assert.Contains(e.Errors, x => x.Line == 2 && x.Reason.Contains("no-such-arg"));
    }

    [Fact]
    public void The_environment_of_the_node_is_not_visible_to_a_submitted_job()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        Assert.False(string.IsNullOrEmpty(home));
        var job = JobRequestReader.Read("tasks = [ { id = \"a\", function = \"echo\", args { value = ${?HOME} } } ]", null, Functions, "/tmp", Now);
        Assert.DoesNotContain(home, job.Tasks[0].Args.ToString());
    }

    [Theory]
    [InlineData("j", true)]
    [InlineData("build-42:nightly_1.x", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    public void Job_ids_are_checked(string id, bool valid) => Assert.Equal(valid, JobRequestReader.JobIdValid(id));
}
