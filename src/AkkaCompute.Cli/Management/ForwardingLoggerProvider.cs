using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// Hands the management web host's loggers to the node's logger factory, so that Kestrel's warnings appear in the node's log
/// while the web host's own filters (see <see cref="ManagementServer"/>) still apply. Disposing it leaves the node's factory open.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
