namespace AkkaCompute.Actors;

/// <summary>The tick behind a receive timeout; stale ticks (older generation) are ignored.</summary>
internal sealed record ReceiveTimeoutTick(long Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

internal sealed partial class ActorCell
{
    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            timeout = null;
        }

        var ex = Extras;
        ex.ReceiveTimeout = timeout;
        ex.ReceiveTimeoutGeneration++;
        if (timeout is null)
        {
            ex.ReceiveTimeoutTimer?.Dispose();
            ex.ReceiveTimeoutTimer = null;
            return;
        }

        RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        var ex = _extras!;
        if (ex.ReceiveTimeout is not { } timeout)
        {
            return;
        }

        var generation = ++ex.ReceiveTimeoutGeneration;
        ex.ReceiveTimeoutTimer?.Dispose();
        ex.ReceiveTimeoutTimer = SystemImpl.TimeProvider.CreateTimer(
            static state =>
            {
                var (cell, gen) = ((ActorCell, long))state!;
                cell.SelfRef.Tell(new ReceiveTimeoutTick(gen), ActorRefs.NoSender);
            },
            (this, generation),
            timeout,
            Timeout.InfiniteTimeSpan);
    }
}
