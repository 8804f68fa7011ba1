namespace AkkaCompute.Compute.Execution;

/// <summary>
/// How GNU <c>wc -w</c> (coreutils 9, UTF-8 locale) treats a character: separators end words,
/// printable non-space characters make them, and non-printable ones (controls, U+2028/U+2029,
/// unassigned code points, invalid UTF-8) are ignored: they neither start nor end a word.
/// </summary>
internal enum WordClass : byte
{
    /// <summary>Part of a word.</summary>
    Word,

    /// <summary>Ends a word: ASCII whitespace, Unicode space separators, and the no-break spaces U+00A0, U+2007, U+202F, U+2060.</summary>
    Separator,

    /// <summary>Ignored.</summary>
    Neutral,
}
