using System.Text.Json;
using Akka.Hosting;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Embedding;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Node.Peer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AkkaCompute.Hosting.Tests.Embedding;

/// <summary><c>services.AddAkkaCompute(...)</c> in a generic host: options validated at start, the store opened before the actors, IComputeService.</summary>
public sealed class AddAkkaComputeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("akc-add-").FullName;

    [Fact]
    public async Task A_host_with_AddAkkaCompute_runs_a_function_through_IComputeService()
    {
        using var host = Build(o => o.DataDirectory = Path.Combine(_root, "data"));
        await host.StartAsync();
        try
        {
            var compute = host.Services.GetRequiredService<IComputeService>();
            var peer = await host.Services.GetRequiredService<IRequiredActor<PeerActor>>().GetAsync();

            var accepted = await compute.SubmitAsync([new TaskSpec { Id = "s", Function = "sum", Args = JsonDocument.Parse("[1, 2, 3]").RootElement.Clone() }]);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var result = await compute.ResultAsync("s", deadline.Token);
            var status = await compute.StatusAsync();

            Assert.Equal("peer", peer.Path.Name);
            Assert.Equal(["s"], accepted.Accepted);
            Assert.Equal(TaskState.Succeeded, result.State);
            Assert.Equal("6", result.Output?.GetRawText());
            Assert.Equal(1, status.Succeeded);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_bad_option_stops_the_start_with_the_option_named()
    {
        using var host = Build(o =>
        {
            o.DataDirectory = Path.Combine(_root, "data");
            o.Workers = 0;
        });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AkkaComputeOptions.Workers = 0: must be 1 to 1024 (akc.executor.max-concurrent)", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "data")), "nothing was opened");
    }

    [Fact]
    public void WithAkkaCompute_refuses_an_empty_data_directory_and_a_missing_function_assembly_naming_both()
    {
        var builder = new AkkaConfigurationBuilder(new ServiceCollection(), "x");

        var e = Assert.Throws<OptionsValidationException>(() => builder.WithAkkaCompute(o =>
        {
            o.DataDirectory = " ";
            o.FunctionAssemblies.Add(Path.Combine(_root, "missing.dll"));
        }));

        Assert.Contains(e.Failures, f => f.StartsWith("AkkaComputeOptions.DataDirectory = ' ': must not be empty", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("AkkaComputeOptions.FunctionAssemblies[0] = '", StringComparison.Ordinal) && f.Contains("missing.dll': no such file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_host_on_the_same_data_directory_fails_to_start()
    {
        var dir = Path.Combine(_root, "shared");
        using var first = Build(o => o.DataDirectory = dir);
        await first.StartAsync();
        try
        {
            using var second = Build(o => o.DataDirectory = dir);
            await Assert.ThrowsAsync<DataDirectoryInUseException>(() => second.StartAsync());
        }
        finally
        {
            await first.StopAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on another platform: the temp directory is left behind
        }
    }

    private static IHost Build(Action<AkkaComputeOptions> configure) =>
        new HostBuilder().ConfigureServices(services => services.AddAkkaCompute(configure, "embedded")).Build();
}
