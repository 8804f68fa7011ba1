using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The compute functions a node can run, by name. Register at start-up (built-ins, assemblies,
/// assembly files named in the config); then any number of executors look up and invoke
/// concurrently. Lookups are lock-free; registrations are serialized and all-or-nothing per call.
/// </summary>
/// <remarks>
/// <para>Binding: a JSON array binds by position, a JSON object by name (case-insensitive,
/// '-' and '_' ignored, so <c>max-count</c> and <c>maxCount</c> both bind <c>maxCount</c>), a lone
/// scalar as the first positional argument; omitted optional parameters take their defaults;
/// unknown names and surplus positions are errors. <see cref="CancellationToken"/> and
/// <see cref="FunctionContext"/> and <c>IProgress/// <see cref="FunctionContext"/> parameters are injected. Stringslt;double/// <see cref="FunctionContext"/> parameters are injected. Stringsgt;</c> (progress reports) parameters are injected. Strings, booleans, numbers (strictly: no
/// strings as numbers, no fractions as integers), <see cref="JsonElement"/>, arrays, lists and any
/// record or class (System.Text.Json, <see cref="FunctionJson.Options"/>) are supported.</para>
/// <para>Synchronous functions run on the calling thread; call from a thread that may block.</para>
/// </remarks>
public sealed class FunctionRegistry
{
    /// <summary>Most functions one registry holds; registering beyond it throws <see cref="FunctionRegistrationException"/>.</summary>
    public const int FunctionsMax = 10_000;

    private readonly Lock _writeLock = new();
    private volatile Dictionary<string, RegisteredFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>A registry holding the built-in functions (see <see cref="RegisterBuiltIns"/>).</summary>
    public static FunctionRegistry CreateWithBuiltIns()
    {
        var registry = new FunctionRegistry();
        registry.RegisterBuiltIns();
        return registry;
    }

    /// <summary>The registered names, sorted ordinally.</summary>
    public IReadOnlyList<string> Names => [.. _functions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>How many functions are registered.</summary>
    public int Count => _functions.Count;

    /// <summary>
    /// Registers the built-ins: <c>noop</c>, <c>echo</c>, <c>sleep</c>, <c>fail</c>, <c>sha256</c>,
    /// <c>word-count</c>, <c>sum</c> and <c>merge</c>.
    /// </summary>
    /// <returns>The names registered.</returns>
    /// <exception cref="FunctionRegistrationException">A built-in's name is already taken.</exception>
    public IReadOnlyList<string> RegisterBuiltIns() => RegisterAll(BuiltInFunctions.Types.SelectMany(FindAttributed));

    /// <summary>Registers every method with <see cref="ComputeFunctionAttribute"/> declared by <paramref name="type"/>.</summary>
    /// <returns>The names registered (empty when the type has none).</returns>
    /// <exception cref="FunctionRegistrationException">A name is taken or malformed, or a method cannot be a compute function; nothing is registered then.</exception>
    public IReadOnlyList<string> RegisterType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return RegisterAll(FindAttributed(type));
    }

    /// <summary>Registers every method with <see cref="ComputeFunctionAttribute"/> in <paramref name="assembly"/>.</summary>
    /// <returns>The names registered (empty when the assembly has none).</returns>
    /// <exception cref="FunctionRegistrationException">A type cannot be loaded, a name is taken or malformed, or a method cannot be a compute function; nothing is registered then.</exception>
    public IReadOnlyList<string> RegisterAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var causes = string.Join("; ", e.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct().Take(5));
            throw new FunctionRegistrationException($"assembly '{assembly.GetName().Name}' could not be scanned for functions: {causes}", e);
        }

        return RegisterAll(types.SelectMany(FindAttributed));
    }

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> into its own load context (its dependencies
    /// resolve beside it; the host's assemblies are shared) and registers its attributed methods.
    /// </summary>
    /// <returns>The names registered.</returns>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="FunctionRegistrationException">The file is not a .NET assembly or cannot be loaded, or registering fails (see <see cref="RegisterAssembly"/>).</exception>
    public IReadOnlyList<string> LoadAssemblyFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"function assembly '{path}' not found (resolved to {full})", full);
        }

        Assembly assembly;
        try
        {
            assembly = new FunctionLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or InvalidOperationException)
        {
            throw new FunctionRegistrationException($"function assembly '{full}' could not be loaded: {e.Message}", e);
        }

        return RegisterAssembly(assembly);
    }

    /// <summary>Registers one method under <paramref name="name"/> (default: its attribute's name).</summary>
    /// <exception cref="FunctionRegistrationException">No name is given and the method has no attribute, the name is taken or malformed, or the method cannot be a compute function.</exception>
    public void Register(MethodInfo method, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        var attribute = method.GetCustomAttribute<ComputeFunctionAttribute>();
        var resolved = name ?? attribute?.Name ?? throw new FunctionRegistrationException(
            $"method {method.DeclaringType?.FullName}.{method.Name} has no [ComputeFunction] attribute and no name was given");
        RegisterAll([RegisteredFunction.Create(resolved, attribute?.Description, method)]);
    }

    /// <summary>Looks up a function by its exact (case-sensitive) name.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out RegisteredFunction function) =>
        _functions.TryGetValue(name, out function);

    /// <summary>Looks up a function by its exact (case-sensitive) name.</summary>
    /// <exception cref="UnknownFunctionException">No such function; the message suggests the closest name and lists the known ones.</exception>
    public RegisteredFunction Get(string name)
    {
        var functions = _functions;
        if (functions.TryGetValue(name, out var function))
        {
            return function;
        }

        var known = functions.Keys.Order(StringComparer.Ordinal).ToList();
        throw new UnknownFunctionException(name, known, NameSuggester.Closest(name, known));
    }

    /// <summary>
    /// Binds <paramref name="args"/> to the function's parameters, calls it and serializes its
    /// result (void and Task give JSON null).
    /// </summary>
    /// <param name="name">The function's name.</param>
    /// <param name="args">A JSON array (positional), object (named), scalar (one positional argument), or null/undefined (none).</param>
    /// <param name="context">The attempt's context, injected into a <see cref="FunctionContext"/> parameter.</param>
    /// <param name="cancellationToken">Injected into a <see cref="CancellationToken"/> parameter; checked once before the call.</param>
    /// <returns>The result as a standalone <see cref="JsonElement"/>.</returns>
    /// <exception cref="UnknownFunctionException">No function has that name.</exception>
    /// <exception cref="ArgumentBindingException">The arguments do not fit the parameters.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the call (or the function honoured it).</exception>
    /// <exception cref="InvalidOperationException">The result cannot be serialized to JSON.</exception>
    /// <remarks>Any exception the function itself throws propagates unchanged.</remarks>
    public async Task<JsonElement> InvokeAsync(string name, JsonElement args, FunctionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(context);
        var function = Get(name);
        var arguments = ArgumentBinder.Bind(function, args, context, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return await function.InvokeAsync(arguments).ConfigureAwait(false);
    }

    private static IEnumerable<RegisteredFunction> FindAttributed(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(flags))
        {
            if (method.GetCustomAttribute<ComputeFunctionAttribute>() is { } attribute)
            {
                yield return RegisteredFunction.Create(attribute.Name, attribute.Description, method);
            }
        }
    }

    private IReadOnlyList<string> RegisterAll(IEnumerable<RegisteredFunction> candidates)
    {
        var batch = candidates.ToList();
        lock (_writeLock)
        {
            var next = new Dictionary<string, RegisteredFunction>(_functions, StringComparer.Ordinal);
            foreach (var function in batch)
            {
                if (next.TryGetValue(function.Name, out var existing))
                {
                    throw new FunctionRegistrationException(
                        $"function '{function.Name}' ({Describe(function.Method)}) is already registered by {Describe(existing.Method)}");
                }

                next.Add(function.Name, function);
            }

            if (next.Count > FunctionsMax)
            {
                throw new FunctionRegistrationException($"registering {batch.Count} more functions would exceed the limit of {FunctionsMax}");
            }

            _functions = next;
        }

        return [.. batch.Select(f => f.Name)];
    }

    private static string Describe(MethodInfo method) =>
        $"{method.DeclaringType?.FullName}.{method.Name} in {method.DeclaringType?.Assembly.GetName().Name}";
}
