namespace AkkaCompute.Cli.Top;

/// <summary>The key bindings of <c>akc top</c> and the tab each action leads to. Pure.</summary>
internal static class TopKeys
{
    /// <summary>The bindings as the footer shows them.</summary>
    public const string Help = "Tab/Shift+Tab: switch tab  1-3: jump  q: quit";

    /// <summary>What <paramref name="key"/> asks for.</summary>
    public static TopKey Map(ConsoleKeyInfo key) => key switch
    {
        { Key: ConsoleKey.Tab, Modifiers: var m } when (m & ConsoleModifiers.Shift) != 0 => TopKey.Previous,
        { Key: ConsoleKey.Tab } or { Key: ConsoleKey.RightArrow } => TopKey.Next,
        { Key: ConsoleKey.LeftArrow } => TopKey.Previous,
        { Key: ConsoleKey.C, Modifiers: var m } when (m & ConsoleModifiers.Control) != 0 => TopKey.Quit,
        { Key: ConsoleKey.Escape } => TopKey.Quit,
        { KeyChar: 'q' or 'Q' } => TopKey.Quit,
        { KeyChar: '1' } => TopKey.Workers,
        { KeyChar: '2' } => TopKey.Tasks,
        { KeyChar: '3' } => TopKey.Logs,
        _ => TopKey.None,
    };

    /// <summary>The tab shown after <paramref name="key"/> when <paramref name="current"/> was shown (Tab and Shift+Tab wrap around).</summary>
    public static TopTab Apply(TopTab current, TopKey key)
    {
        var count = Enum.GetValues<TopTab>().Length;
        return key switch
        {
            TopKey.Next => (TopTab)(((int)current + 1) % count),
            TopKey.Previous => (TopTab)(((int)current + count - 1) % count),
            TopKey.Workers => TopTab.Workers,
            TopKey.Tasks => TopTab.Tasks,
            TopKey.Logs => TopTab.Logs,
            _ => current,
        };
    }
}
