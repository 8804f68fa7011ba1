using Akka.Hosting;
using AkkaCompute.Hosting.Embedding;
using Microsoft.Extensions.Options;

namespace AkkaCompute.Embedding.Tests;

/// <summary>
/// A TestKit whose <c>ConfigureAkka</c> gives <c>WithAkkaCompute</c> a bad option: the host does not start, and the
/// error names the option, its value and the constraint.
/// </summary>
public sealed class BadOptionTests
{
    [Fact]
    public async Task A_bad_option_stops_the_TestKit_host_with_the_option_named()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "akc-bad-option-" + Guid.NewGuid().ToString("N"));
        var kit = new BadOptionKit(dataDirectory);

        var e = await Assert.ThrowsAsync<OptionsValidationException>(async () => await kit.InitializeAsync());

        Assert.Contains("AkkaComputeOptions.Workers = 2000: must be 1 to 1024 (akc.executor.max-concurrent)", e.Failures);
        Assert.False(Directory.Exists(dataDirectory), "nothing was opened");
    }

    private sealed class BadOptionKit(string dataDirectory) : Akka.Hosting.TestKit.TestKit("bad-option")
    {
        protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
            builder.WithAkkaCompute(options =>
            {
                options.DataDirectory = dataDirectory;
                options.Workers = 2000;
            });
    }
}
