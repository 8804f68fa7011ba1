namespace AkkaCompute.Cli.Top;

/// <summary>What a key press asks <c>akc top</c> to do.</summary>
internal enum TopKey
{
    /// <summary>Nothing (an unbound key).</summary>
    None,

    /// <summary>Show the next tab (Tab, Right arrow).</summary>
    Next,

    /// <summary>Show the previous tab (Shift+Tab, Left arrow).</summary>
    Previous,

    /// <summary>Show the Workers tab (1).</summary>
    Workers,

    /// <summary>Show the Tasks tab (2).</summary>
    Tasks,

    /// <summary>Show the Logs tab (3).</summary>
    Logs,

    /// <summary>Quit (q, Q, Escape, Ctrl+C).</summary>
    Quit,
}
