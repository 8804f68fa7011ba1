// Usage: AkkaCompute.Remote.TestNode SYSTEM PORT [cluster-id]
// Prints "ADDRESS <address> UID <uid>" once listening, then serves until stdin closes or it is killed.
using AkkaCompute.Actors;
using AkkaCompute.Remote;

var system = ActorSystem.Create(args[0]);
var remoting = Remoting.Start(system, new RemoteSettings
{
    Port = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
    ClusterId = args.Length > 2 ? args[2] : "akc",
    ReconnectBackoffMin = TimeSpan.FromMilliseconds(20),
    ReconnectBackoffMax = TimeSpan.FromMilliseconds(200),
    WatchHeartbeatInterval = TimeSpan.FromMilliseconds(100),
});
system.ActorOf(Props.Create(() => new NodeEcho()), "echo");
Console.WriteLine($"ADDRESS {remoting.Address} UID {remoting.Uid}");
Console.Out.Flush();
await Console.In.ReadToEndAsync();
await system.Terminate();

/// <summary>Replies to every message with the same message.</summary>
internal sealed class NodeEcho : ReceiveActor
{
    public NodeEcho() => ReceiveAny(m => Sender.Tell(m, Self));
}
