using System.Security.Cryptography.X509Certificates;
using AkkaCompute.Actors;
using AkkaCompute.Remote;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Bench;

/// <summary>
/// The second process of <c>bench/run remote</c>:
/// <c>AkkaCompute.Bench remote-peer --security none|tls|psk --echoes N [--cert F --key F --ca F]</c> (the PSK key comes
/// in the environment variable <see cref="PskVariable"/>, never on the command line). It starts an actor system with
/// remoting on 127.0.0.1 (any free port) and echo actors <c>/user/echo-0</c> .. <c>echo-(N-1)</c>, plus a
/// <see cref="RawEcho"/> server (TLS in tls mode), prints <c>READY &lt;remoting address&gt; &lt;raw port&gt;</c> on
/// stdout, and exits when its stdin closes, so it cannot outlive the bench even when the bench is killed.
/// </summary>
internal static class RemotePeer
{
    /// <summary>The command-line verb that selects this mode.</summary>
    public const string Verb = "remote-peer";

    /// <summary>Environment variable carrying the PSK key to the peer.</summary>
    public const string PskVariable = "AKC_BENCH_PSK";

    /// <summary>Runs the peer until stdin closes; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = ParseOptions(args);
        var mode = Enum.Parse<RemoteSecurityMode>(options.GetValueOrDefault("--security", "none"), ignoreCase: true);
        var echoes = int.Parse(options.GetValueOrDefault("--echoes", "8"), System.Globalization.CultureInfo.InvariantCulture);
        var settings = RemoteSuite.Settings(mode, options.GetValueOrDefault("--cert"), options.GetValueOrDefault("--key"), options.GetValueOrDefault("--ca"), Environment.GetEnvironmentVariable(PskVariable));
        settings.Validate();

        var system = ActorSystem.Create("peer");
        using var certificate = mode == RemoteSecurityMode.Tls ? X509Certificate2.CreateFromPemFile(settings.Tls!.CertificatePath, settings.Tls.KeyPath) : null;
        var raw = RawEcho.StartServer(certificate);
        try
        {
            var remoting = Remoting.Start(system, settings);
            for (var i = 0; i < echoes; i++)
            {
                system.ActorOf(Props.Create(() => new RemoteEchoActor()), $"echo-{i}");
            }

            var rawPort = ((System.Net.IPEndPoint)raw.LocalEndpoint).Port;
            Console.Out.WriteLine($"READY {remoting.Address} {rawPort}");
            Console.Out.Flush();

            // Blocks until the bench closes our stdin (or dies, which closes it too).
            _ = Console.In.ReadToEnd();
            return 0;
        }
        finally
        {
            raw.Stop();
            system.Terminate().Wait(TimeSpan.FromSeconds(5));
        }
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }
}
