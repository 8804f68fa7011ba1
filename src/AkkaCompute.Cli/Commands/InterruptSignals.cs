using System.Runtime.InteropServices;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation, so that a command can stop in order and say so; a
/// second one is left to the default action (the process ends at once).
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _interrupt;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    /// <summary>Starts listening; <see cref="Token"/> is also cancelled with <paramref name="outer"/>.</summary>
    public InterruptSignals(CancellationToken outer)
    {
        _interrupt = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal (or the outer token).</summary>
    public CancellationToken Token => _interrupt.Token;

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _interrupt.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_interrupt.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _interrupt.Cancel();
            context.Cancel = true;
        }
        catch (ObjectDisposedException)
        {
            // The command has finished: the default action ends the process.
        }
    }
}
