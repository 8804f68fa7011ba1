using System.CommandLine;
using System.Text.Json;
using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc functions</c>: the registered functions (built-ins and configured assemblies).</summary>
internal static class FunctionsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = CommonOptions.Json();
        var command = new Command("functions", "List the built-in .NET functions a task can call.") { json };
        command.SetAction(async (parse, ct) =>
        {
            var registry = FunctionRegistry.CreateWithBuiltIns();
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(registry.Names));
            }
            else
            {
                foreach (var name in registry.Names)
                {
                    await stdout.WriteLineAsync(name);
                }
            }

            return AkcApp.ExitOk;
        });
        return command;
    }
}
