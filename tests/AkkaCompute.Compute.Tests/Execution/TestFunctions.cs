using System.Text.Json;
using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed record Point(int X, int Y);

public enum Shade
{
    Red,
    DarkBlue,
}

/// <summary>User functions as a user assembly would declare them; found by RegisterAssembly(typeof(TestFunctions).Assembly).</summary>
public static class TestFunctions
{
    [ComputeFunction("test.add", Description = "adds a and b")]
    public static int Add(int a, int b = 10) => a + b;

    [ComputeFunction("test.greet")]
    public static string Greet(string name, string greeting = "hello", bool shout = false)
    {
        var text = $"{greeting}, {name}";
        return shout ? text.ToUpperInvariant() : text;
    }

    [ComputeFunction("test.max-count")]
    public static int MaxCount(int maxCount) => maxCount;

    [ComputeFunction("test.point")]
    public static Point MovePoint(Point point) => point with { X = point.X + 1 };

    [ComputeFunction("test.lists")]
    public static int Lists(List<string> items, int[]? numbers = null) => items.Count + (numbers?.Sum() ?? 0);

    [ComputeFunction("test.async")]
    public static async Task<string> Upper(string text, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return text.ToUpperInvariant();
    }

    [ComputeFunction("test.valuetask")]
    public static ValueTask<int> Twice(int x) => ValueTask.FromResult(x * 2);

    [ComputeFunction("test.void")]
    public static void Nothing(int x)
    {
        _ = x;
    }

    [ComputeFunction("test.task")]
    public static Task TaskOnly() => Task.CompletedTask;

    [ComputeFunction("test.valuetask-void")]
    public static ValueTask ValueTaskOnly() => default;

    [ComputeFunction("test.context")]
    public static object Context(FunctionContext context) => new { context.Attempt, context.TaskId, context.WorkingDirectory };

    [ComputeFunction("test.throws")]
    public static int Throws(string message) => throw new FormatException(message);

    [ComputeFunction("test.throws-async")]
    public static async Task<int> ThrowsAsync(string message)
    {
        await Task.Yield();
        throw new FormatException(message);
    }

    [ComputeFunction("test.nullable")]
    public static string Nullable(string? value = null, int? count = null) => $"{value ?? "<null>"}/{count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<null>"}";

    [ComputeFunction("test.numbers")]
    public static object Numbers(long l, double d, decimal m, byte b, float f) => new { l, d, m, b, f };

    [ComputeFunction("test.shade")]
    public static string ShadeName(Shade shade) => shade.ToString();

    [ComputeFunction("test.nan")]
    public static double NaN() => double.NaN;

    [ComputeFunction("test.wait")]
    public static async Task WaitForCancel(CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);

    [ComputeFunction("test.raw")]
    public static string Raw([RawArguments] JsonElement args) => args.ValueKind.ToString();
}

/// <summary>Methods that must be refused; no attribute, so RegisterAssembly ignores them.</summary>
public sealed class InvalidFunctions
{
    public static int Generic<T>(T value) => 0;

    public static void WithRef(ref int x) => x++;

    public static Span<byte> ReturnsSpan() => default;

    public static async IAsyncEnumerable<int> Stream()
    {
        await Task.Yield();
        yield return 1;
    }

    public static void RawNotJson([RawArguments] string args) => _ = args;

    public static void RawAndMore([RawArguments] JsonElement args, int x) => _ = (args, x);

    public static void SameName(int maxCount, int max_count) => _ = (maxCount, max_count);

    public static int Fine(int x) => x;

    public int Instance(int x) => x;

    internal static int NotPublic(int x) => x;
}
