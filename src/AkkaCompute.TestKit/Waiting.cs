using System.Diagnostics;

namespace AkkaCompute.TestKit;

/// <summary>Polling waits with deadlines, shared by the TestKit and probes.</summary>
internal static class Waiting
{
    public static void AwaitCondition(Func<bool> condition, TimeSpan max, TimeSpan interval, string? message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > max)
            {
                throw new TestKitAssertionException($"condition not met within {max.TotalMilliseconds:0} ms{(message is null ? string.Empty : ": " + message)}");
            }

            Thread.Sleep(interval);
        }
    }

    public static void AwaitAssert(Action assertion, TimeSpan max, TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (clock.Elapsed <= max)
            {
                Thread.Sleep(interval);
            }
        }
    }
}
