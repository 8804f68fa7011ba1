using AkkaCompute.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>
/// Checks <see cref="AkkaComputeOptions"/> before a node starts. Each failure names the option, its value and the
/// constraint, e.g. <c>AkkaComputeOptions.Workers = 0: must be 1 to 1024 (akc.executor.max-concurrent)</c>.
/// Registered by <see cref="AkkaComputeServiceCollectionExtensions.AddAkkaCompute"/> with <c>ValidateOnStart</c>.
/// </summary>
public sealed class AkkaComputeOptionsValidator : IValidateOptions<AkkaComputeOptions>
{
    /// <summary>Most function assemblies a node loads: 1,000 (as <c>akc.executor.functions.assemblies</c>).</summary>
    public const int MaxFunctionAssemblies = 1000;

    /// <summary>Longest <see cref="AkkaComputeOptions.RequestTimeout"/>: one day.</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromDays(1);

    private const string Prefix = nameof(AkkaComputeOptions) + ".";

    /// <summary>Validates <paramref name="options"/>.</summary>
    /// <param name="name">The options instance's name (ignored: every instance is checked the same way).</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure listing every problem (one line each).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ValidateOptionsResult Validate(string? name, AkkaComputeOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Validates <paramref name="options"/> and throws on the first call that finds problems.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="OptionsValidationException">Some value is invalid; <see cref="OptionsValidationException.Failures"/> name each option.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static void ThrowIfInvalid(AkkaComputeOptions options)
    {
        var failures = Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AkkaComputeOptions), failures);
        }
    }

    private static List<string> Check(AkkaComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Settings is null)
        {
            failures.Add(Prefix + "Settings is null: must be a NodeSettings (new NodeSettings() for the defaults)");
            return failures;
        }

        if (options.DataDirectory is { } dir && string.IsNullOrWhiteSpace(dir))
        {
            failures.Add($"{Prefix}DataDirectory = '{dir}': must not be empty (akc.storage.data-dir)");
        }

        if (options.Database is { } db && string.IsNullOrWhiteSpace(db))
        {
            failures.Add($"{Prefix}Database = '{db}': must not be empty (akc.storage.db)");
        }

        if (options.Workers is { } workers && workers is < 1 or > ExecutorSettings.MaxConcurrentLimit)
        {
            failures.Add($"{Prefix}Workers = {workers}: must be 1 to {ExecutorSettings.MaxConcurrentLimit} (akc.executor.max-concurrent)");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxRequestTimeout)
        {
            failures.Add($"{Prefix}RequestTimeout = {options.RequestTimeout}: must be greater than 0 and at most 1 day");
        }

        if (options.TimeProvider is null)
        {
            failures.Add(Prefix + "TimeProvider is null: must be a clock (TimeProvider.System by default)");
        }

        if (options.FunctionAssemblies.Count + options.Settings.Executor.FunctionAssemblies.Count > MaxFunctionAssemblies)
        {
            failures.Add($"{Prefix}FunctionAssemblies: {options.FunctionAssemblies.Count} given, at most {MaxFunctionAssemblies} in all (akc.executor.functions.assemblies)");
        }

        for (var i = 0; i < options.FunctionAssemblies.Count; i++)
        {
            var path = options.FunctionAssemblies[i];
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add($"{Prefix}FunctionAssemblies[{i}] is empty: must be the path of an assembly (akc.executor.functions.assemblies)");
            }
            else if (!File.Exists(path))
            {
                failures.Add($"{Prefix}FunctionAssemblies[{i}] = '{path}': no such file (akc.executor.functions.assemblies)");
            }
        }

        return failures;
    }
}
