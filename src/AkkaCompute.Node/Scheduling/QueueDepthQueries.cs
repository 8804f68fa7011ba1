using AkkaCompute.Compute.Scheduling;

namespace AkkaCompute.Node.Scheduling;

/// <summary>Asks the <see cref="SchedulerActor"/> how many tasks are queued at each priority; the answer is a <see cref="QueueDepths"/>. Local only.</summary>
public sealed record GetQueueDepths
{
    /// <summary>The one instance.</summary>
    public static readonly GetQueueDepths Instance = new();

    /// <summary>The most priorities listed one by one: 32; the tasks at lower priorities are summed in <see cref="QueueDepths.Lower"/>.</summary>
    public const int MaxPriorities = 32;

    /// <summary>The answer for <paramref name="queue"/>: its <see cref="MaxPriorities"/> highest priorities and the rest summed.</summary>
    public static QueueDepths Of(ScheduleQueue queue)
    {
        var all = queue.CountByPriority();
        return new QueueDepths(
            [.. all.Take(MaxPriorities).Select(p => new PriorityCount(p.Key, p.Value))],
            all.Skip(MaxPriorities).Sum(p => p.Value));
    }
}

/// <summary>The scheduler's queue by effective priority (aging included).</summary>
/// <param name="ByPriority">Up to <see cref="GetQueueDepths.MaxPriorities"/> priorities, highest first, with their task counts.</param>
/// <param name="Lower">Tasks queued at lower priorities than those listed; 0 when all are listed.</param>
public sealed record QueueDepths(IReadOnlyList<PriorityCount> ByPriority, int Lower);

/// <summary>Tasks queued at one priority.</summary>
/// <param name="Priority">The effective priority.</param>
/// <param name="Count">How many tasks, 1 or more.</param>
public sealed record PriorityCount(int Priority, int Count);
