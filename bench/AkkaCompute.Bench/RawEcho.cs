using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace AkkaCompute.Bench;

/// <summary>
/// The baseline of <c>bench/run remote</c>: length-prefixed frames (4-byte big-endian length + payload) over one TCP
/// connection, optionally inside TLS, with a plain blocking loop on each side. The server echoes every complete frame
/// of one read back in one write; the client keeps a window of frames in flight and answers every reply of one read
/// with one new frame each, gathered into one write. Nothing else: no serializer, no envelope, no queue.
/// </summary>
internal static class RawEcho
{
    /// <summary>Largest payload either side accepts; a larger length prefix closes the connection.</summary>
    public const int MaxPayloadBytes = 4096;

    private const int BufferBytes = 64 * 1024;

    /// <summary>Starts an echo server on 127.0.0.1 (any free port); TLS with <paramref name="certificate"/> when given.</summary>
    /// <returns>The listener; stop it to stop accepting (open connections end when the client closes them or the process exits).</returns>
    public static TcpListener StartServer(X509Certificate2? certificate)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accept = new Thread(() =>
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = listener.AcceptSocket();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                new Thread(() => Serve(socket, certificate)) { IsBackground = true, Name = "raw-echo" }.Start();
            }
        })
        { IsBackground = true, Name = "raw-accept" };
        accept.Start();
        return listener;
    }

    private static void Serve(Socket socket, X509Certificate2? certificate)
    {
        try
        {
            socket.NoDelay = true;
            using var stream = Wrap(socket, certificate, server: true, host: null);
            var input = new byte[BufferBytes];
            var output = new byte[BufferBytes];
            var have = 0;
            while (true)
            {
                var n = stream.Read(input, have, input.Length - have);
                if (n == 0)
                {
                    return;
                }

                have += n;
                var pos = 0;
                var used = 0;
                while (TryFrame(input, pos, have, out var frameBytes))
                {
                    input.AsSpan(pos, frameBytes).CopyTo(output.AsSpan(used));
                    used += frameBytes;
                    pos += frameBytes;
                }

                if (used > 0)
                {
                    stream.Write(output, 0, used);
                }

                input.AsSpan(pos, have - pos).CopyTo(input);
                have -= pos;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException or InvalidDataException)
        {
            // The client went away (or spoke nonsense): this connection ends, the server goes on.
        }
    }

    /// <summary>True when a complete frame starts at <paramref name="pos"/>; its size, prefix included.</summary>
    private static bool TryFrame(byte[] buffer, int pos, int have, out int frameBytes)
    {
        frameBytes = 0;
        if (have - pos < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(pos));
        if (length is < 0 or > MaxPayloadBytes)
        {
            throw new InvalidDataException($"frame length {length} is outside 0..{MaxPayloadBytes}");
        }

        if (have - pos - 4 < length)
        {
            return false;
        }

        frameBytes = 4 + length;
        return true;
    }

    private static Stream Wrap(Socket socket, X509Certificate2? certificate, bool server, string? host)
    {
        var network = new NetworkStream(socket, ownsSocket: true);
        if (certificate is null)
        {
            return network;
        }

        // The baseline pays what remoting pays per byte (the record layer); who is trusted is not its concern.
        var ssl = new SslStream(network, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        if (server)
        {
            ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = true,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
        }
        else
        {
            ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ClientCertificates = [certificate],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
        }

        return ssl;
    }

    /// <summary>One client connection to a <see cref="StartServer"/> server.</summary>
    public sealed class Client : IDisposable
    {
        private readonly Stream _stream;
        private readonly byte[] _frame;
        private readonly byte[] _input = new byte[BufferBytes];
        private readonly byte[] _output;
        private long _received;
        private volatile bool _stopping;

        /// <summary>Connects (and authenticates with <paramref name="certificate"/> when given).</summary>
        /// <param name="port">The server's port on 127.0.0.1.</param>
        /// <param name="payloadBytes">Payload bytes per frame (the prefix adds 4).</param>
        /// <param name="certificate">This side's TLS certificate, or null for plain TCP.</param>
        public Client(int port, int payloadBytes, X509Certificate2? certificate)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(IPAddress.Loopback, port);
            _stream = Wrap(socket, certificate, server: false, host: "127.0.0.1");
            _frame = new byte[4 + payloadBytes];
            BinaryPrimitives.WriteInt32BigEndian(_frame, payloadBytes);
            _output = new byte[Math.Max(BufferBytes, _frame.Length) * 2];
        }

        /// <summary>Replies received by <see cref="RunWindow"/> so far.</summary>
        public long Received => Volatile.Read(ref _received);

        /// <summary>Asks <see cref="RunWindow"/> to send nothing new and return once the window has come back.</summary>
        public void Stop() => _stopping = true;

        /// <summary>
        /// Keeps <paramref name="window"/> frames in flight until <see cref="Stop"/>, then drains the window. Run it on its
        /// own thread.
        /// </summary>
        public void RunWindow(int window)
        {
            var outstanding = 0;
            var used = 0;
            for (var i = 0; i < window; i++)
            {
                used = Append(used);
                outstanding++;
                if (used + _frame.Length > _output.Length)
                {
                    _stream.Write(_output, 0, used);
                    used = 0;
                }
            }

            _stream.Write(_output, 0, used);
            var have = 0;
            while (outstanding > 0)
            {
                var n = _stream.Read(_input, have, _input.Length - have);
                if (n == 0)
                {
                    throw new IOException("the raw echo server closed the connection");
                }

                have += n;
                var pos = 0;
                used = 0;
                while (TryFrame(_input, pos, have, out var frameBytes))
                {
                    pos += frameBytes;
                    Volatile.Write(ref _received, _received + 1);
                    if (_stopping)
                    {
                        outstanding--;
                    }
                    else
                    {
                        used = Append(used);
                        if (used + _frame.Length > _output.Length)
                        {
                            _stream.Write(_output, 0, used);
                            used = 0;
                        }
                    }
                }

                if (used > 0)
                {
                    _stream.Write(_output, 0, used);
                }

                _input.AsSpan(pos, have - pos).CopyTo(_input);
                have -= pos;
            }
        }

        /// <summary>Sends one frame at a time and waits for its reply; returns each round trip in microseconds.</summary>
        public double[] RoundTrips(int count)
        {
            var samples = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                _stream.Write(_frame, 0, _frame.Length);
                var have = 0;
                while (have < _frame.Length)
                {
                    var n = _stream.Read(_input, have, _frame.Length - have);
                    if (n == 0)
                    {
                        throw new IOException("the raw echo server closed the connection");
                    }

                    have += n;
                }

                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            return samples;
        }

        /// <inheritdoc />
        public void Dispose() => _stream.Dispose();

        private int Append(int used)
        {
            _frame.CopyTo(_output, used);
            return used + _frame.Length;
        }
    }
}
