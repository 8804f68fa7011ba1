namespace AkkaCompute.Cluster.Sbr;

/// <summary>The outcome of one <see cref="SbrTimer.Tick"/>.</summary>
/// <param name="Timer">The timer state to keep for the next tick.</param>
/// <param name="Decision">What to down now; <see cref="SbrDecision.None"/> when nothing.</param>
/// <param name="Trigger">Why there is a decision.</param>
public sealed record SbrTick(SbrTimer Timer, SbrDecision Decision, SbrTrigger Trigger);
