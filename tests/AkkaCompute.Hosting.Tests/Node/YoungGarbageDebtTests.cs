using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Hosting.Tests.Node;

public class YoungGarbageDebtTests
{
    [Fact]
    public void It_counts_from_the_first_observation_and_says_collect_at_the_threshold()
    {
        var debt = new YoungGarbageDebt(100);
        Assert.False(debt.Observe(5, 1_000)); // the first observation only sets the start
        Assert.False(debt.Observe(5, 1_099));
        Assert.Equal(99, debt.Bytes);
        Assert.True(debt.Observe(5, 1_100));
        Assert.True(debt.Observe(5, 5_000));
    }

    [Fact]
    public void A_collection_by_the_runtime_starts_the_count_again()
    {
        var debt = new YoungGarbageDebt(100);
        debt.Observe(5, 0);
        Assert.True(debt.Observe(5, 150));
        Assert.False(debt.Observe(6, 160)); // the runtime collected meanwhile
        Assert.Equal(0, debt.Bytes);
        Assert.False(debt.Observe(6, 259));
        Assert.True(debt.Observe(6, 260));
    }

    [Fact]
    public void A_collection_by_the_caller_starts_the_count_again()
    {
        var debt = new YoungGarbageDebt(100);
        debt.Observe(1, 0);
        Assert.True(debt.Observe(1, 500));
        debt.Collected(2, 510);
        Assert.False(debt.Observe(2, 600));
        Assert.True(debt.Observe(2, 610));
    }

    [Fact]
    public void The_threshold_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new YoungGarbageDebt(0));
    }
}
