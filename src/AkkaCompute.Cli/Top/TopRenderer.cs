using System.Globalization;
using AkkaCompute.Cli.Api.Dtos;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AkkaCompute.Cli.Top;

/// <summary>
/// Draws one frame of <c>akc top</c> for a terminal of a given size: a header (node, members, counters, last poll), the
/// tab bar, the shown tab's content (cut to the lines left) and the key help; ANSI text with Spectre.Console's markup,
/// every line ending with "erase to end of line", at most <c>height</c> lines, so a frame written at the top-left corner
/// replaces the previous one without scrolling. A terminal smaller than <see cref="MinWidth"/> x <see cref="MinHeight"/>
/// gets a one-line message instead. Pure apart from Spectre's rendering.
/// </summary>
internal static class TopRenderer
{
    /// <summary>The narrowest terminal the dashboard is drawn in: 60 columns.</summary>
    public const int MinWidth = 60;

    /// <summary>The lowest terminal the dashboard is drawn in: 12 lines.</summary>
    public const int MinHeight = 12;

    /// <summary>Widest load or progress bar, in cells: 20.</summary>
    private const int BarWidth = 20;

    private const string EraseLine = "\u001b[K";

    /// <summary>The message shown in a terminal that is too small (also what tests look for).</summary>
    public static string TooSmall(int width, int height) =>
        $"terminal too small ({width}x{height}): akc top needs at least {MinWidth}x{MinHeight}; enlarge it or press q";

    /// <summary>Draws a frame.</summary>
    /// <param name="snapshot">What was read from the node; null before the first answer.</param>
    /// <param name="tab">The shown tab.</param>
    /// <param name="width">The terminal's columns (1 or more).</param>
    /// <param name="height">The terminal's lines (1 or more).</param>
    /// <param name="color">True to colour (ANSI); false for plain text.</param>
    /// <returns>The frame's lines joined with <c>\n</c>, each ending with an erase-to-end-of-line sequence when <paramref name="color"/>.</returns>
    public static string Render(TopSnapshot? snapshot, TopTab tab, int width, int height, bool color = true)
    {
        width = Math.Max(1, width);
        height = Math.Max(1, height);
        var end = color ? EraseLine : string.Empty;
        if (width < MinWidth || height < MinHeight)
        {
            var message = TooSmall(width, height);
            return string.Join("\n", Enumerable.Range(0, (message.Length + width - 1) / width).Take(height)
                .Select(i => message.Substring(i * width, Math.Min(width, message.Length - i * width)) + end));
        }

        var content = height - 4; // header, tab bar, blank, ..., footer
        var parts = new List<IRenderable>
        {
            new Markup(Header(snapshot)),
            new Markup(TabBar(tab)),
            Body(snapshot, tab, width, content),
        };
        var lines = Draw(new Rows(parts), width, color);
        if (lines.Count > height - 1)
        {
            lines = lines.Take(height - 1).ToList();
        }

        while (lines.Count < height - 1)
        {
            lines.Add(string.Empty);
        }

        var footer = TopKeys.Help + (snapshot?.Error is { } error ? "  |  " + error : string.Empty);
        lines.Add(Draw(new Markup((snapshot?.Error is null ? "[grey]" : "[red]") + Markup.Escape(Cut(footer, width)) + "[/]"), width, color).FirstOrDefault() ?? string.Empty);
        return string.Join("\n", lines.Select(l => l + end));
    }

    private static List<string> Draw(IRenderable renderable, int width, bool color)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Write(renderable);
        var text = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        return [.. text.Split('\n')];
    }

    private static string Header(TopSnapshot? s)
    {
        if (s is null)
        {
            return "[bold]akc top[/]  connecting...";
        }

        var members = s.Nodes is { } n ? $"  members [bold]{n.Members.Count(m => m.Status == "Up")}[/] up of {n.Members.Count}" : string.Empty;
        var self = s.Nodes?.Self ?? s.Endpoint.ToString();
        var counts = s.Stats is { } st ? $"  running [bold]{st.Node.Running}[/]  queued {st.Node.Queued + st.Node.Waiting}  {st.TasksPerSecond:0.#}/s" : string.Empty;
        return $"[bold]akc top[/]  {Markup.Escape(self)}{members}{counts}  [grey]{s.At:HH:mm:ss}[/]";
    }

    private static string TabBar(TopTab shown) => string.Join("  ", Enum.GetValues<TopTab>().Select(t =>
        t == shown ? $"[black on white] {(int)t + 1} {t} [/]" : $"[grey] {(int)t + 1} {t} [/]"));

    private static IRenderable Body(TopSnapshot? s, TopTab tab, int width, int lines) => tab switch
    {
        TopTab.Workers => s?.Nodes is { } nodes ? Workers(nodes, lines) : Waiting("members"),
        TopTab.Tasks => s?.Stats is { } stats ? Tasks(stats, width, lines) : Waiting("tasks"),
        _ => s?.Log is { } log ? Logs(log.Lines, width, lines) : Waiting("log"),
    };

    private static Markup Waiting(string what) => new($"[grey]reading the {what}...[/]");

    private static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.None).Expand();
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn($"[grey]{c}[/]").NoWrap());
        }

        return table;
    }

    private static IRenderable Workers(NodesDto nodes, int lines)
    {
        var table = NewTable("member", "status", "reachable", "queued", "running", "load");
        var max = Math.Max(1, nodes.Members.Max(m => m.Load is { } l ? l.Queued + l.Waiting + l.Running : 0));
        foreach (var m in nodes.Members.Take(Math.Max(0, lines - 1)))
        {
            var status = m.Status == "Up" ? "[green]Up[/]" : $"[yellow]{Markup.Escape(m.Status)}[/]";
            var flags = (m.Self ? " (self)" : string.Empty) + (m.Leader ? " (leader)" : string.Empty);
            var load = m.Load is { } l
                ? LoadBar(l.Running, l.Queued + l.Waiting, max)
                : "[grey]no answer[/]";
            table.AddRow(
                Markup.Escape(Cut(Short(m.Address) + flags, 48)),
                status,
                m.Reachable ? "yes" : "[red]no[/]",
                m.Load?.Queued.ToString(CultureInfo.InvariantCulture) ?? "?",
                m.Load?.Running.ToString(CultureInfo.InvariantCulture) ?? "?",
                load);
        }

        return table;
    }

    private static IRenderable Tasks(TopStatsDto stats, int width, int lines)
    {
        var n = stats.Node;
        var counts = new Markup(
            $"[blue]Running {n.Running}[/]  Queued {n.Queued}  Waiting {n.Waiting}  [yellow]Retrying {n.Retrying}[/]  " +
            $"[green]Succeeded {n.Succeeded}[/]  [red]Failed {n.Failed}[/]  Cancelled {n.Cancelled}");
        var table = NewTable("task", "state", "attempt", "elapsed", "progress", "error");
        var rows = stats.Running.Concat(stats.Failures).Take(Math.Max(0, lines - 2)).ToList();
        foreach (var t in rows)
        {
            var state = t.State switch
            {
                "Running" => "[blue]Running[/]",
                "Retrying" => "[yellow]Retrying[/]",
                "Succeeded" => "[green]Succeeded[/]",
                _ => $"[red]{Markup.Escape(t.State)}[/]",
            };
            table.AddRow(
                Markup.Escape(Cut(t.Id, 32)),
                state,
                t.Attempts.ToString(CultureInfo.InvariantCulture),
                t.ElapsedMs is { } ms ? Duration(ms) : string.Empty,
                t.Progress is { } p ? ProgressBar(p) : string.Empty,
                Markup.Escape(Cut(t.Error ?? string.Empty, Math.Max(10, width - 80))));
        }

        if (rows.Count == 0)
        {
            return new Rows(counts, new Markup("[grey]nothing running, no failures[/]"));
        }

        return new Rows(counts, table);
    }

    private static IRenderable Logs(IReadOnlyList<string> log, int width, int lines)
    {
        var shown = log.Skip(Math.Max(0, log.Count - lines)).Select(l => Markup.Escape(Cut(l.ReplaceLineEndings(" "), width)));
        var text = string.Join("\n", shown);
        return text.Length == 0 ? new Markup("[grey]the log is empty[/]") : new Markup(text);
    }

    /// <summary>A bar of running (blue) then queued (yellow) cells, scaled so that <paramref name="max"/> tasks fill it.</summary>
    internal static string LoadBar(int running, int queued, int max)
    {
        var run = (int)Math.Round(BarWidth * (double)running / max);
        var queue = Math.Min(BarWidth - run, (int)Math.Round(BarWidth * (double)queued / max));
        return $"[blue]{new string('█', run)}[/][yellow]{new string('█', queue)}[/][grey]{new string('░', BarWidth - run - queue)}[/]";
    }

    /// <summary>A progress bar and its percentage, e.g. <c>██████░░░░ 60%</c>.</summary>
    internal static string ProgressBar(double fraction)
    {
        var f = Math.Clamp(fraction, 0, 1);
        var done = (int)Math.Round(10 * f);
        return $"[blue]{new string('█', done)}[/][grey]{new string('░', 10 - done)}[/] {f * 100:0}%";
    }

    private static string Duration(double ms) =>
        ms < 1000 ? $"{ms:0} ms" : ms < 60_000 ? $"{ms / 1000:0.0} s" : TimeSpan.FromMilliseconds(ms).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    private static string Short(string address) => address.StartsWith("akka.tcp://", StringComparison.Ordinal) ? address["akka.tcp://".Length..] : address;

    private static string Cut(string text, int max) => text.Length <= max ? text : max <= 1 ? text[..max] : text[..(max - 1)] + "…";
}
