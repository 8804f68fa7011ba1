using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// A compute function known to a <see cref="FunctionRegistry"/>: its name, its method and how each
/// parameter binds. Immutable; built and checked once, at registration.
/// </summary>
public sealed partial class RegisteredFunction
{
    private readonly Dictionary<string, int> _byNormalizedName;
    private readonly PropertyInfo? _taskResult;
    private readonly MethodInfo? _valueTaskAsTask;

    private RegisteredFunction(string name, string? description, MethodInfo method, IReadOnlyList<FunctionParameter> parameters, ReturnKind returnKind)
    {
        Name = name;
        Description = description;
        Method = method;
        Parameters = parameters;
        ReturnKind = returnKind;
        ArgumentParameterIndexes = [.. parameters.Select((p, i) => (p, i)).Where(x => x.p.Source == ParameterSource.Argument).Select(x => x.i)];
        _byNormalizedName = ArgumentParameterIndexes.ToDictionary(i => parameters[i].NormalizedName, StringComparer.Ordinal);
        var returnType = method.ReturnType;
        if (returnKind == ReturnKind.TaskOfT)
        {
            _taskResult = returnType.GetProperty(nameof(Task<int>.Result));
        }
        else if (returnKind == ReturnKind.ValueTaskOfT)
        {
            _valueTaskAsTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask), Type.EmptyTypes);
            _taskResult = typeof(Task<>).MakeGenericType(returnType.GetGenericArguments()[0]).GetProperty(nameof(Task<int>.Result));
        }
    }

    /// <summary>The name tasks call it by.</summary>
    public string Name { get; }

    /// <summary>The description from <see cref="ComputeFunctionAttribute.Description"/>, or null.</summary>
    public string? Description { get; }

    /// <summary>The static method that runs.</summary>
    public MethodInfo Method { get; }

    /// <summary>Every parameter of <see cref="Method"/>, in declaration order.</summary>
    public IReadOnlyList<FunctionParameter> Parameters { get; }

    internal ReturnKind ReturnKind { get; }

    /// <summary>The parameters a task's arguments bind to, in positional order (without the context and cancellation token).</summary>
    public IReadOnlyList<FunctionParameter> ArgumentParameters => [.. ArgumentParameterIndexes.Select(i => Parameters[i])];

    /// <summary>Indexes into <see cref="Parameters"/> of those bound from arguments, in order (the positional slots).</summary>
    internal IReadOnlyList<int> ArgumentParameterIndexes { get; }

    /// <summary>Finds the argument-bound parameter whose normalized name is <paramref name="normalizedName"/>.</summary>
    internal bool TryFindParameter(string normalizedName, out int index) => _byNormalizedName.TryGetValue(normalizedName, out index);

    /// <summary>
    /// Checks what can be checked of a task's arguments before it runs (values may be <c>$ref</c>s resolved later):
    /// every named argument names a parameter, and there are not more positional arguments than parameters.
    /// </summary>
    /// <param name="args">The task's arguments.</param>
    /// <returns>Null when they fit; otherwise e.g. <c>function 'sha256': argument 'fil' expects one of the parameters
    /// file (did you mean 'file'?), but was given an argument of that name; it takes sha256(file: String)</c>.</returns>
    public string? ArgumentShapeProblem(System.Text.Json.JsonElement args) => ArgumentBinder.ShapeProblem(this, args);

    /// <summary>
    /// Describes the signature for messages and <c>akc functions</c>, e.g. <c>sleep(ms: Int64)</c>; an optional argument
    /// shows its default, e.g. <c>fail(message: String? = null, times: Int32? = null)</c>.
    /// </summary>
    public override string ToString() =>
        $"{Name}({string.Join(", ", ArgumentParameters.Select(p => $"{p.Name}: {p.TypeName}{(p.IsOptional ? " = " + DescribeDefault(p) : string.Empty)}"))})";

    private static string DescribeDefault(FunctionParameter p) => p.IsParams ? "[]" : p.DefaultValue switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "null",
    };

    /// <summary>Checks <paramref name="method"/> and builds its binding plan.</summary>
    /// <exception cref="FunctionRegistrationException">The name is malformed, or the method cannot be a compute function; the message says why.</exception>
    internal static RegisteredFunction Create(string name, string? description, MethodInfo method)
    {
        var where = $"{method.DeclaringType?.FullName}.{method.Name}";
        if (!NamePattern().IsMatch(name))
        {
            throw new FunctionRegistrationException(
                $"function name '{name}' on {where} is malformed: use 1 to 100 characters, a letter or '_' first, then letters, digits, '_', '-', '.' or ':'");
        }

        string Fail(string why) => $"function '{name}' ({where}) cannot be registered: {why}";
        if (!method.IsStatic || !method.IsPublic)
        {
            throw new FunctionRegistrationException(Fail("the method must be public static"));
        }

        if (method.ContainsGenericParameters)
        {
            throw new FunctionRegistrationException(Fail("generic methods are not supported"));
        }

        var returnKind = ClassifyReturn(method.ReturnType) ?? throw new FunctionRegistrationException(
            Fail($"return type {TypeDescriptions.FriendlyName(method.ReturnType)} is not supported (use void, a value, Task, Task<T>, ValueTask or ValueTask<T>)"));
        var parameters = BuildParameters(method, Fail);
        return new RegisteredFunction(name, description, method, parameters, returnKind);
    }

    /// <summary>
    /// Calls the method with already bound <paramref name="arguments"/> and serializes its result.
    /// The method's own exceptions propagate unchanged.
    /// </summary>
    internal async Task<JsonElement> InvokeAsync(object?[] arguments)
    {
        var returned = Method.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        switch (ReturnKind)
        {
            case ReturnKind.Void:
                return FunctionJson.Null;
            case ReturnKind.Value:
                return FunctionJson.ToElement(returned, Name);
            case ReturnKind.Task:
                await NotNull(returned).ConfigureAwait(false);
                return FunctionJson.Null;
            case ReturnKind.TaskOfT:
            {
                var task = NotNull(returned);
                await task.ConfigureAwait(false);
                return FunctionJson.ToElement(_taskResult!.GetValue(task), Name);
            }

            case ReturnKind.ValueTask:
                await ((ValueTask)returned!).ConfigureAwait(false);
                return FunctionJson.Null;
            default:
            {
                var task = (Task)_valueTaskAsTask!.Invoke(returned, null)!;
                await task.ConfigureAwait(false);
                return FunctionJson.ToElement(_taskResult!.GetValue(task), Name);
            }
        }
    }

    private Task NotNull(object? returned) =>
        returned as Task ?? throw new InvalidOperationException($"function '{Name}' returned a null Task");

    private static ReturnKind? ClassifyReturn(Type type)
    {
        if (type == typeof(void))
        {
            return ReturnKind.Void;
        }

        if (type.IsByRef || type.IsPointer || type.IsByRefLike)
        {
            return null;
        }

        if (type == typeof(Task))
        {
            return ReturnKind.Task;
        }

        if (type == typeof(ValueTask))
        {
            return ReturnKind.ValueTask;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(Task<>))
            {
                return ReturnKind.TaskOfT;
            }

            if (definition == typeof(ValueTask<>))
            {
                return ReturnKind.ValueTaskOfT;
            }

            if (definition == typeof(IAsyncEnumerable<>))
            {
                return null;
            }
        }

        return typeof(Task).IsAssignableFrom(type) ? null : ReturnKind.Value;
    }

    private static List<FunctionParameter> BuildParameters(MethodInfo method, Func<string, string> fail)
    {
        var nullability = new NullabilityInfoContext();
        var result = new List<FunctionParameter>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in method.GetParameters())
        {
            var type = p.ParameterType;
            var name = p.Name ?? $"arg{p.Position}";
            if (type.IsByRef || type.IsPointer || type.IsByRefLike)
            {
                throw new FunctionRegistrationException(fail($"parameter '{name}' is a ref, out, pointer or ref struct parameter"));
            }

            var source = type == typeof(CancellationToken) ? ParameterSource.CancellationToken
                : type == typeof(FunctionContext) ? ParameterSource.Context
                : type == typeof(IProgress<double>) ? ParameterSource.Progress
                : p.IsDefined(typeof(RawArgumentsAttribute), false) ? ParameterSource.RawArguments
                : ParameterSource.Argument;
            if (source == ParameterSource.RawArguments && type != typeof(JsonElement))
            {
                throw new FunctionRegistrationException(fail($"parameter '{name}' has [RawArguments] but is not a JsonElement"));
            }

            var isParams = p.IsDefined(typeof(ParamArrayAttribute), false);
            var acceptsNull = Nullable.GetUnderlyingType(type) is not null
                || (!type.IsValueType && nullability.Create(p).WriteState != NullabilityState.NotNull);
            var isInputFile = p.IsDefined(typeof(InputFileAttribute), false);
            if (isInputFile && (source != ParameterSource.Argument || (type != typeof(string) && type != typeof(string[]))))
            {
                throw new FunctionRegistrationException(fail($"parameter '{name}' has [InputFile] but is not a string or string[] argument"));
            }

            var parameter = new FunctionParameter(name, type, source, p.IsOptional || isParams, DefaultOf(p), acceptsNull, isParams, isInputFile);
            if (source == ParameterSource.Argument && !seen.TryAdd(parameter.NormalizedName, name))
            {
                throw new FunctionRegistrationException(fail($"parameters '{seen[parameter.NormalizedName]}' and '{name}' match the same argument name"));
            }

            result.Add(parameter);
        }

        if (result.Any(p => p.Source == ParameterSource.RawArguments) && result.Count(p => p.Source is ParameterSource.RawArguments or ParameterSource.Argument) > 1)
        {
            throw new FunctionRegistrationException(fail("a [RawArguments] parameter must be the only parameter bound from arguments"));
        }

        return result;
    }

    private static object? DefaultOf(ParameterInfo p)
    {
        if (p.IsDefined(typeof(ParamArrayAttribute), false))
        {
            return Array.CreateInstance(p.ParameterType.GetElementType()!, 0);
        }

        var value = p.HasDefaultValue ? p.DefaultValue : null;
        if (value is null or DBNull or Missing)
        {
            return p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null
                ? Activator.CreateInstance(p.ParameterType)
                : null;
        }

        return value;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.:\-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
