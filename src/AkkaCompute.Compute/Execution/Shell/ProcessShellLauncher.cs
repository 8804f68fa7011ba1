using System.ComponentModel;
using System.Diagnostics;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The portable launcher: <see cref="System.Diagnostics.Process"/> runs util-linux <c>setsid</c>, which
/// execs <c>/bin/sh -c COMMAND</c> as the leader of a new session and process group. Without setsid
/// the shell runs in the node's own group and cancellation can only kill the process tree.
/// </summary>
internal sealed class ProcessShellLauncher : ShellLauncher
{
    /// <inheritdoc />
    public override string Name => "process";

    /// <inheritdoc />
    public override ShellChild Start(ShellCommandSpec spec, Limits.Cgroups.CgroupScope? scope = null)
    {
        var process = new Process { StartInfo = CreateStartInfo(spec, scope) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"could not start {process.StartInfo.FileName}: {e.Message}", e);
        }

        process.StandardInput.Close();
        return new Child(process, ShellRunner.SetsidPath is not null);
    }

    private static ProcessStartInfo CreateStartInfo(ShellCommandSpec spec, Limits.Cgroups.CgroupScope? scope)
    {
        var words = ShellCommandLine.Build(spec, scope);
        var info = new ProcessStartInfo
        {
            FileName = ShellRunner.SetsidPath ?? words[0],
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };
        foreach (var word in ShellRunner.SetsidPath is null ? words.Skip(1) : words)
        {
            info.ArgumentList.Add(word);
        }

        if (spec.Environment is { } env)
        {
            foreach (var (name, value) in env)
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private sealed class Child(Process process, bool hasGroup) : ShellChild
    {
        // setsid makes the shell the leader of a new group whose id is its pid (once setsid has run).
        public override int Pid { get; } = process.Id;

        public override bool HasGroup => hasGroup;

        public override Stream Stdout => process.StandardOutput.BaseStream;

        public override Stream Stderr => process.StandardError.BaseStream;

        public override bool HasExited => process.HasExited;

        public override int ExitCode => process.HasExited ? process.ExitCode : -1;

        public override Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

        public override void SignalShell(int signal)
        {
            if (!process.HasExited)
            {
                ProcessGroup.SignalProcess(Pid, signal);
            }
        }

        public override void KillTree()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }

        public override void Dispose() => process.Dispose();
    }
}
