namespace AkkaCompute.Compute.Execution;

/// <summary>Where a compute function's parameter gets its value.</summary>
public enum ParameterSource
{
    /// <summary>From the task's JSON arguments, by position or by name.</summary>
    Argument,

    /// <summary>The whole JSON argument value, unchanged (<see cref="RawArgumentsAttribute"/>).</summary>
    RawArguments,

    /// <summary>Injected: the attempt's <see cref="System.Threading.CancellationToken"/>.</summary>
    CancellationToken,

    /// <summary>Injected: the attempt's <see cref="FunctionContext"/>.</summary>
    Context,

    /// <summary>Injected: the attempt's <see cref="IProgress{T}"/> of <see cref="double"/> (its <see cref="FunctionContext"/>, see <see cref="FunctionContext.Report"/>).</summary>
    Progress,
}
