using System.Diagnostics;

namespace AkkaCompute.Cli.Tests.Packaging;

/// <summary>Runs a program to its end (dotnet pack, dotnet tool install, an installed akc) and returns its exit code and output.</summary>
internal static class ProcessRun
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>; kills it (whole tree) after <paramref name="timeout"/>.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + fileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', psi.ArgumentList)} did not end within {timeout}: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
