namespace AkkaCompute.Compute.Execution;

/// <summary>The verdict of <see cref="CommandPolicy.Check"/>.</summary>
/// <param name="Allowed">True when the command may run.</param>
/// <param name="Reason">Why it was refused, naming the rule and quoting the command; null when allowed.</param>
/// <param name="Rule">The deny rule that matched, <c>allow-list</c>, <c>empty</c>, <c>too-long</c> or <c>timeout</c>; null when allowed.</param>
public sealed record CommandDecision(bool Allowed, string? Reason, string? Rule = null)
{
    /// <summary>The decision that lets a command run.</summary>
    public static CommandDecision Allow { get; } = new(true, null);

    /// <summary>A refusal by <paramref name="rule"/> for <paramref name="reason"/>.</summary>
    public static CommandDecision Refuse(string rule, string reason) => new(false, reason, rule);
}
