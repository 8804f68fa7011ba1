using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary><c>limits.wall-time</c> is another name for <c>timeout</c>: one of them may be set in the same block, not both.</summary>
internal static class WallTime
{
    /// <summary>The timeout of a task or defaults block from its <c>timeout</c> or its <c>limits.wall-time</c>.</summary>
    /// <param name="reader">Where a conflict is recorded.</param>
    /// <param name="owner">The task or defaults object.</param>
    /// <param name="context">Message prefix.</param>
    /// <param name="timeout">The block's <c>timeout</c>, or null.</param>
    /// <param name="wallTime">Its <c>limits.wall-time</c>, or null.</param>
    /// <returns>Whichever is set; null when neither is, or after recording that both are.</returns>
    public static TimeSpan? Merge(JobReader reader, HoconObject owner, string context, TimeSpan? timeout, TimeSpan? wallTime)
    {
        if (timeout is not null && wallTime is not null)
        {
            reader.Errors.Add(JobReader.Get(owner, "timeout")!.Origin, $"{context}: set timeout or limits.wall-time, not both (they are the same wall-time limit)");
            return null;
        }

        return timeout ?? wallTime;
    }
}
