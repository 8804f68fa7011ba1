namespace AkkaCompute.Compute.Execution;

/// <summary>What <see cref="ProgressGate.Flush"/> decided.</summary>
/// <param name="Send">The fraction to report now, or null.</param>
/// <param name="Wait">When not null: nothing to send yet; flush again after this delay.</param>
public readonly record struct ProgressFlush(double? Send, TimeSpan? Wait);
