using AkkaCompute.Remote;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>Starts actor systems with remoting on loopback (port 0) and terminates them at the end of a test.</summary>
public sealed class RemoteTestNodes : IAsyncDisposable
{
    private readonly List<ActorSystem> _systems = [];

    public LogCapture Logs { get; } = new();

    public static RemoteSettings Fast { get; } = new()
    {
        Port = 0,
        ReconnectBackoffMin = TimeSpan.FromMilliseconds(20),
        ReconnectBackoffMax = TimeSpan.FromMilliseconds(200),
        WatchHeartbeatInterval = TimeSpan.FromMilliseconds(100),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
        WatchFailureDetector = new AkkaCompute.Remote.FailureDetection.PhiAccrualSettings
        {
            AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(500),
            FirstHeartbeatEstimate = TimeSpan.FromMilliseconds(100),
            MinStdDeviation = TimeSpan.FromMilliseconds(50),
        },
    };

    public (ActorSystem System, AkkaCompute.Remote.Remoting Remoting) Start(string name, RemoteSettings? settings = null)
    {
        var system = ActorSystem.Create(name, new ActorSystemSettings { LoggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug)) });
        _systems.Add(system);
        var remoting = AkkaCompute.Remote.Remoting.Start(system, settings ?? Fast);
        return (system, remoting);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _systems)
        {
            await s.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
