namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Marks a <c>public static</c> method as a compute function that tasks can call by name.
/// <see cref="FunctionRegistry.RegisterAssembly"/> finds every method carrying it.
/// </summary>
/// <remarks>
/// Parameters bind from the task's JSON arguments (see <see cref="FunctionRegistry"/>); a
/// <see cref="CancellationToken"/> and a <see cref="FunctionContext"/> parameter are injected.
/// The method may return <c>void</c>, a value, <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>; the value is serialized to JSON.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ComputeFunctionAttribute : Attribute
{
    /// <summary>Marks the method as the function <paramref name="name"/>.</summary>
    /// <param name="name">
    /// The name tasks use: 1 to 100 characters, a letter or '_' first, then letters, digits,
    /// '_', '-', '.' or ':'. Names are case-sensitive. Checked when the method is registered.
    /// </param>
    public ComputeFunctionAttribute(string name) => Name = name;

    /// <summary>The function's name, as given to the constructor.</summary>
    public string Name { get; }

    /// <summary>A one-line description for listings (<c>akc functions</c>); optional.</summary>
    public string? Description { get; init; }
}
