using AkkaCompute.Compute.Quotas;

namespace AkkaCompute.Compute.Tests.Quotas;

public class QuotaLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tasks_per_window_refuses_whole_request_and_resets()
    {
        var ledger = new QuotaLedger(new QuotaLimits(TimeSpan.FromMinutes(1), 10, 0, 0));
        Assert.Null(ledger.TryAcquireTasks("c", 8, T0));
        var refusal = ledger.TryAcquireTasks("c", 3, T0 + TimeSpan.FromSeconds(10));
        Assert.NotNull(refusal);
        Assert.Equal("max-tasks-per-window", refusal.Quota);
        Assert.Equal(10, refusal.Limit);
        Assert.Equal(T0 + TimeSpan.FromMinutes(1), refusal.ResetsAt);
        Assert.Contains("limit 10", refusal.ToString());
        Assert.Equal(8, ledger.UsageFor("c").TasksInWindow);
        Assert.Null(ledger.TryAcquireTasks("other", 10, T0));
        Assert.Null(ledger.TryAcquireTasks("c", 10, T0 + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Memory_keys_and_bytes_are_limited()
    {
        var ledger = new QuotaLedger(new QuotaLimits(TimeSpan.FromMinutes(1), 0, 2, 100));
        Assert.Null(ledger.TryChangeMemory("c", 2, 50));
        Assert.Equal("max-memory-keys", ledger.TryChangeMemory("c", 1, 1)!.Quota);
        Assert.Equal("max-storage-bytes", ledger.TryChangeMemory("c", 0, 51)!.Quota);
        Assert.Null(ledger.TryChangeMemory("c", -1, -50));
        Assert.Equal((0, 1, 0L), ledger.UsageFor("c"));
    }

    [Fact]
    public void Zero_means_unlimited() =>
        Assert.Null(new QuotaLedger(QuotaLimits.Unlimited).TryAcquireTasks("c", 1_000_000, T0));
}
