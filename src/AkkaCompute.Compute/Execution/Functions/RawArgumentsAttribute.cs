namespace AkkaCompute.Compute.Execution;

/// <summary>
/// On a <see cref="System.Text.Json.JsonElement"/> parameter of a compute function: the parameter
/// receives the task's whole argument value unchanged (array, object or scalar), and the function
/// accepts any arguments. A function with such a parameter takes no other bound parameters
/// (only <see cref="CancellationToken"/> and <see cref="FunctionContext"/> beside it).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class RawArgumentsAttribute : Attribute
{
}
