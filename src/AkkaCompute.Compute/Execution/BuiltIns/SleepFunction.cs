namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>sleep</c>: waits, for testing timeouts and cancellation.</summary>
public static class SleepFunction
{
    /// <summary>Longest sleep, in milliseconds (about 24.8 days).</summary>
    public const long MsMax = int.MaxValue;

    /// <summary>
    /// Waits <paramref name="ms"/> milliseconds on the context's <see cref="FunctionContext.TimeProvider"/>
    /// and returns <paramref name="ms"/>.
    /// </summary>
    /// <param name="ms">Milliseconds to wait, 0 to <see cref="MsMax"/>.</param>
    /// <param name="context">Supplies the clock.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ms"/> is negative or above <see cref="MsMax"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    [ComputeFunction("sleep", Description = "waits 'ms' milliseconds; honours cancellation")]
    public static async Task<long> Sleep(long ms, FunctionContext context, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ms, MsMax);
        await Task.Delay(TimeSpan.FromMilliseconds(ms), context.TimeProvider, cancellationToken).ConfigureAwait(false);
        return ms;
    }
}
