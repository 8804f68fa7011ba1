namespace AkkaCompute.Hosting.Tests.Node;

/// <summary>Waiting for a condition another thread makes true, with a deadline instead of a sleep.</summary>
internal static class Conditions
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="OperationCanceledException"/> after 10 s.</summary>
    public static async Task AwaitAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(1, deadline.Token);
        }
    }
}
