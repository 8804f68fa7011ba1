namespace AkkaCompute.Compute.Execution;

/// <summary>One parameter of a registered compute function, as the binder sees it.</summary>
/// <param name="Name">The C# parameter name.</param>
/// <param name="Type">The parameter's type.</param>
/// <param name="Source">Where its value comes from.</param>
/// <param name="IsOptional">True when the argument may be omitted (it has a default, or is a <c>params</c> array).</param>
/// <param name="DefaultValue">The value used when the argument is omitted.</param>
/// <param name="AcceptsNull">True when JSON <c>null</c> binds (nullable value or reference type).</param>
/// <param name="IsParams">True for a trailing <c>params</c> array: extra positional arguments collect into it.</param>
/// <param name="IsInputFile">True when the parameter carries <see cref="InputFileAttribute"/>: its value names a file the function reads (part of the task's <see cref="InputFingerprint"/>). Default false.</param>
public sealed record FunctionParameter(
    string Name,
    Type Type,
    ParameterSource Source,
    bool IsOptional,
    object? DefaultValue,
    bool AcceptsNull,
    bool IsParams,
    bool IsInputFile = false)
{
    /// <summary>The name used to match named arguments (see <see cref="ParameterNames.Normalize"/>).</summary>
    public string NormalizedName { get; } = ParameterNames.Normalize(Name);

    /// <summary>The type as messages and <c>akc functions</c> name it, e.g. <c>Int64</c>, <c>String</c>, <c>JSON</c>.</summary>
    public string TypeName => TypeDescriptions.FriendlyName(Type);
}
