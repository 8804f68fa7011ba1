using System.CommandLine;
using System.Text.Json;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc functions [--config FILE] [--json]</c>: the functions a task can call (built-ins, plus the assemblies named by
/// <c>akc.executor.functions.assemblies</c>), each with its arguments and what it does.
/// </summary>
internal static class FunctionsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command(
            "functions",
            "List the .NET functions a task can call, with their arguments (optional ones show their default) and what they do: the built-ins, plus the assemblies named by akc.executor.functions.assemblies in --config. --json prints [{name, signature, description, parameters: [{name, type, optional}]}].")
        {
            config, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            FunctionRegistry registry;
            try
            {
                registry = ComputeNode.LoadFunctions(NodeSettingsLoader.Load(parse.GetValue(config)?.FullName, Environment.GetEnvironmentVariable, null));
            }
            catch (Exception e) when (e is SettingsException or FileNotFoundException or FunctionRegistrationException)
            {
                await stderr.WriteLineAsync("akc functions: " + e.Message);
                return AkcApp.ExitBadInput;
            }

            var functions = registry.Names.Select(registry.Get).ToList();
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(functions.Select(f => new
                {
                    name = f.Name,
                    signature = f.ToString(),
                    description = f.Description,
                    parameters = f.ArgumentParameters.Select(p => new { name = p.Name, type = p.TypeName, optional = p.IsOptional }),
                })));
                return AkcApp.ExitOk;
            }

            foreach (var f in functions)
            {
                await stdout.WriteLineAsync(f.ToString());
                if (f.Description is { Length: > 0 } description)
                {
                    await stdout.WriteLineAsync("    " + description);
                }
            }

            return AkcApp.ExitOk;
        });
        return command;
    }
}
