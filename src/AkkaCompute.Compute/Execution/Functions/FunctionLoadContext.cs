using System.Reflection;
using System.Runtime.Loader;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The load context for a user's function assembly. The user's own dependencies load beside it
/// (from its <c>.deps.json</c> or its directory); anything the host already has (the framework,
/// AkkaCompute.*, shared packages) comes from the default context, so attribute and parameter
/// types such as <see cref="FunctionContext"/> are the host's own.
/// </summary>
internal sealed class FunctionLoadContext : AssemblyLoadContext
{
    private static readonly Lazy<HashSet<string>> HostAssemblyNames = new(ReadHostAssemblyNames);
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    public FunctionLoadContext(string assemblyPath)
        : base($"AkkaCompute.Functions:{Path.GetFileName(assemblyPath)}", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
        _directory = Path.GetDirectoryName(assemblyPath)!;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || IsHostAssembly(assemblyName.Name))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            var beside = Path.Combine(_directory, assemblyName.Name + ".dll");
            path = File.Exists(beside) ? beside : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool IsHostAssembly(string name) =>
        HostAssemblyNames.Value.Contains(name) || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));

    private static HashSet<string> ReadHostAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
