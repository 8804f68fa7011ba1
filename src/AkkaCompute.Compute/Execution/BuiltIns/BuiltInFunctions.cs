namespace AkkaCompute.Compute.Execution;

/// <summary>The classes that declare the built-in functions, registered by <see cref="FunctionRegistry.RegisterBuiltIns"/>.</summary>
internal static class BuiltInFunctions
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(NoopFunction),
        typeof(EchoFunction),
        typeof(SleepFunction),
        typeof(FailFunction),
        typeof(Sha256Function),
        typeof(WordCountFunction),
        typeof(SumFunction),
        typeof(MergeFunction),
        typeof(WhoAmIFunction),
    ];
}
