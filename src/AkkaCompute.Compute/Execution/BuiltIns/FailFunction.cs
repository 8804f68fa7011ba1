namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>fail</c>: fails on purpose, for testing failures and retries.</summary>
public static class FailFunction
{
    /// <summary>The message used when none is given.</summary>
    public const string DefaultMessage = "failed on purpose (built-in 'fail')";

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> with <paramref name="message"/>; with
    /// <paramref name="times"/>, only on the first <paramref name="times"/> attempts, after which it
    /// returns the attempt number (so a task with retries fails, then succeeds).
    /// </summary>
    /// <param name="context">Supplies the 1-based attempt number.</param>
    /// <param name="message">The exception's message. Default <see cref="DefaultMessage"/>.</param>
    /// <param name="times">Attempts that fail; null (default) for every attempt; 0 never fails.</param>
    /// <exception cref="InvalidOperationException">On a failing attempt (the point of the function).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is negative.</exception>
    [ComputeFunction("fail", Description = "throws 'message'; with 'times', only on the first N attempts")]
    public static int Fail(FunctionContext context, string message = DefaultMessage, int? times = null)
    {
        if (times is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(times));
        }

        if (times is null || context.Attempt <= times)
        {
            throw new InvalidOperationException(message);
        }

        return context.Attempt;
    }
}
