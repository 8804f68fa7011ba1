using System.Globalization;
using System.Text;

namespace AkkaCompute.Compute.Execution;

/// <summary>Classifies characters the way <c>wc -w</c> does.</summary>
internal static class WordClassifier
{
    private static readonly WordClass[] Ascii = BuildAscii();

    public static WordClass OfAscii(byte b) => Ascii[b];

    public static WordClass Of(Rune rune)
    {
        var v = rune.Value;
        if (v < 0x80)
        {
            return Ascii[v];
        }

        if (v is 0x00A0 or 0x2007 or 0x202F or 0x2060)
        {
            return WordClass.Separator;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.SpaceSeparator => WordClass.Separator,
            UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => WordClass.Neutral,
            _ => WordClass.Word,
        };
    }

    private static WordClass[] BuildAscii()
    {
        var table = new WordClass[128];
        for (var b = 0; b < 128; b++)
        {
            table[b] = b switch
            {
                >= 0x09 and <= 0x0D or 0x20 => WordClass.Separator,
                < 0x20 or 0x7F => WordClass.Neutral,
                _ => WordClass.Word,
            };
        }

        return table;
    }
}
