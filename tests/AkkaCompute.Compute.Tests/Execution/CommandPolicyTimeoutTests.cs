using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>A check that keeps exceeding the match timeout refuses the command, after <see cref="CommandPolicy.CheckTries"/> tries.</summary>
public sealed class CommandPolicyTimeoutTests
{
    [Fact]
    public void A_pattern_that_backtracks_catastrophically_refuses_the_command_after_every_try_timed_out()
    {
        var policy = new CommandPolicy(new CommandPolicyOptions
        {
            AllowPatterns = ["(a+)+b"],
            MatchTimeout = TimeSpan.FromMilliseconds(20),
        });

        var decision = policy.Check(new string('a', 40) + "c");

        Assert.False(decision.Allowed);
        Assert.Equal("timeout", decision.Rule);
        Assert.Contains($"took too long ({CommandPolicy.CheckTries} tries)", decision.Reason);
        Assert.True(policy.Check("aab").Allowed); // the same pattern, a quick match
    }
}
