using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// The Spectre.Console console of every command's tables and lines. On a terminal (the process's own stdout, not redirected)
/// colours follow the terminal and lines wrap at its width; anywhere else (a pipe, a file, a test's writer) there are no ANSI
/// escape codes and no wrapping below <see cref="RedirectedWidth"/> columns, so that <c>grep</c>, <c>cut</c> and scripts see whole
/// task ids, addresses and paths.
/// </summary>
internal static class CliConsole
{
    /// <summary>The width when the output is not a terminal: 4,096 columns (Spectre would assume 80 and wrap).</summary>
    public const int RedirectedWidth = 4096;

    /// <summary>A console writing to <paramref name="stdout"/>.</summary>
    public static IAnsiConsole Create(TextWriter stdout) =>
        Create(stdout, isTerminal: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>A console writing to <paramref name="stdout"/>, told whether that is a terminal.</summary>
    public static IAnsiConsole Create(TextWriter stdout, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
