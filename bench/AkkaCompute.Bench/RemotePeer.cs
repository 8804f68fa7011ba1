using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;

namespace AkkaCompute.Bench;

/// <summary>
/// The second process of <c>bench/run remote</c>: <c>AkkaCompute.Bench remote-peer --echoes N [--pfx FILE]</c> (the PFX
/// password comes in the environment variable <see cref="PfxPasswordVariable"/>, never on the command line). It starts an
/// Akka.NET actor system with Akka.Remote on 127.0.0.1 (any free port; TLS by Akka's ssl settings when a PFX is given)
/// and echo actors <c>/user/echo-0</c> .. <c>echo-(N-1)</c>, plus a <see cref="RawEcho"/> server (TLS with the same
/// certificate when given), prints <c>READY &lt;remoting address&gt; &lt;raw port&gt;</c> on stdout, and exits when its
/// stdin closes, so it cannot outlive the bench even when the bench is killed.
/// </summary>
internal static class RemotePeer
{
    /// <summary>The command-line verb that selects this mode.</summary>
    public const string Verb = "remote-peer";

    /// <summary>Environment variable carrying the PFX password to the peer.</summary>
    public const string PfxPasswordVariable = "AKC_BENCH_PFX_PASSWORD";

    /// <summary>Runs the peer until stdin closes; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = ParseOptions(args);
        var echoes = int.Parse(options.GetValueOrDefault("--echoes", "8"), CultureInfo.InvariantCulture);
        var pfx = options.GetValueOrDefault("--pfx");
        var password = Environment.GetEnvironmentVariable(PfxPasswordVariable) ?? "";
        using var certificate = pfx is null ? null : X509CertificateLoader.LoadPkcs12FromFile(pfx, password);
        var raw = RawEcho.StartServer(certificate);
        var system = ActorSystem.Create("peer", RemoteSuite.Config(pfx, password));
        try
        {
            for (var i = 0; i < echoes; i++)
            {
                system.ActorOf(Props.Create(() => new RemoteEchoActor()), $"echo-{i}");
            }

            var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
            var rawPort = ((System.Net.IPEndPoint)raw.LocalEndpoint).Port;
            Console.Out.WriteLine($"READY {address} {rawPort}");
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
