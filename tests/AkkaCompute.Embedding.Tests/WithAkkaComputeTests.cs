using System.Text.Json;
using Akka.Hosting;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Embedding;
using AkkaCompute.Node.Peer;
using Microsoft.Extensions.DependencyInjection;


namespace AkkaCompute.Embedding.Tests;

/// <summary>
/// <c>AddAkka(...).WithAkkaCompute(...)</c> under Akka.Hosting's TestKit: the TestKit composes the actor system with AddAkka
/// and our extension adds the node to it.
/// </summary>
public sealed class WithAkkaComputeTests : Akka.Hosting.TestKit.TestKit
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "akc-embedded-" + Guid.NewGuid().ToString("N"));

    public WithAkkaComputeTests(ITestOutputHelper output)
        : base("embedded", output, TimeSpan.FromSeconds(60))
    {
    }

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithAkkaCompute(options =>
        {
            options.DataDirectory = _dataDirectory;
            options.Workers = 2;
        });

    [Fact]
    public async Task The_extension_starts_a_node_whose_PeerActor_is_a_required_actor_and_runs_a_function()
    {
        var required = Host.Services.GetRequiredService<IRequiredActor<PeerActor>>();
        var peer = await required.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal(await ActorRegistry.GetAsync<PeerActor>(TestContext.Current.CancellationToken), peer);
        Assert.Equal("/user/peer", peer.Path.ToStringWithoutAddress());
        var compute = new ComputeService(Sys, required);

        var accepted = await compute.SubmitAsync([new TaskSpec { Id = "hello", Function = "echo", Args = Json("""{"value":"hi"}""") }], cancellationToken: TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var result = await compute.ResultAsync("hello", deadline.Token);

        Assert.Equal(["hello"], accepted.Accepted);
        Assert.Equal(TaskState.Succeeded, result.State);
        Assert.Equal("\"hi\"", result.Output?.GetRawText());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "akc.db")), "the journal is in the configured data directory");
    }

    [Fact]
    public async Task A_task_that_fails_gives_its_error_as_the_result()
    {
        var compute = new ComputeService(Sys, Host.Services.GetRequiredService<IRequiredActor<PeerActor>>());

        await compute.SubmitAsync([new TaskSpec { Id = "boom", Function = "fail", Args = Json("""{"message":"on purpose"}""") }], cancellationToken: TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var result = await compute.ResultAsync("boom", deadline.Token);

        Assert.Equal(TaskState.Failed, result.State);
        Assert.Contains("on purpose", result.Error);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
