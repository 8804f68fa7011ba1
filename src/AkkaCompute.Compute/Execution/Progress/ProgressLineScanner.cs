using System.Text;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Finds <see cref="ProgressLine"/>s in a byte stream read in chunks (a shell task's standard output) and reports each
/// value to a callback. It keeps at most <see cref="ProgressLine.MaxLength"/> bytes of the current line (a longer line
/// cannot be a progress line and is skipped), so it costs no memory whatever the command prints. Not thread-safe: one
/// reader feeds it.
/// </summary>
/// <param name="report">Called with each fraction (0.0 to 1.0), on the feeding thread.</param>
internal sealed class ProgressLineScanner(Action<double> report)
{
    private readonly byte[] _line = new byte[ProgressLine.MaxLength];
    private int _length;
    private bool _overflow;

    /// <summary>Scans the next chunk of the stream.</summary>
    /// <param name="chunk">The bytes read.</param>
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            if (!_overflow)
            {
                if (_length + part.Length > _line.Length)
                {
                    _overflow = true;
                }
                else
                {
                    part.CopyTo(_line.AsSpan(_length));
                    _length += part.Length;
                }
            }

            if (newline < 0)
            {
                return;
            }

            EndLine();
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>The stream ended: a last line without a newline counts too.</summary>
    public void Complete() => EndLine();

    private void EndLine()
    {
        if (!_overflow && _length > 0)
        {
            Span<char> chars = stackalloc char[ProgressLine.MaxLength];
            if (Encoding.UTF8.TryGetChars(_line.AsSpan(0, _length), chars, out var written)
                && ProgressLine.TryParse(chars[..written], out var fraction))
            {
                report(fraction);
            }
        }

        _length = 0;
        _overflow = false;
    }
}
