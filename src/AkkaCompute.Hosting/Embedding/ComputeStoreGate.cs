using AkkaCompute.Hosting.Node;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>
/// Opens the node's store when the host starts, before Akka.Hosting's service starts the actor system, so that a data
/// directory in use or a database that cannot be used stops the host's start with that exception (Akka.Hosting only logs
/// what its actor starters throw). Releases the store's locks when the host stops, after the actor system stopped.
/// </summary>
internal sealed class ComputeStoreGate(IOptions<AkkaComputeOptions> options) : IHostedService
{
    private NodeStoreLocks? _locks;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.OpenedStore is null)
        {
            _locks = await ComputeStore.OpenAsync(value.ToNodeSettings(), cancellationToken).ConfigureAwait(false);
            value.OpenedStore = _locks;
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _locks?.Dispose();
        _locks = null;
        return Task.CompletedTask;
    }
}
