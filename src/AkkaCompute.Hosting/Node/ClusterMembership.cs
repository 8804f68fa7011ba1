using Akka.Configuration;
using Akka.Event;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// How a <see cref="ComputeNode"/> runs as an Akka.Cluster member (<c>akc node</c>): the actor system's name and its Akka
/// configuration (remoting, cluster, split-brain resolver: <c>NodeSettings.Akka</c>), and Akka's log level. A member's
/// PeerActor places tasks on other members and is registered with the ClusterClientReceptionist under
/// <c>/user/peer</c>, so clients outside the cluster reach it.
/// </summary>
/// <param name="SystemName">The actor system name (<c>akc.system-name</c>); every member of one cluster uses the same.</param>
/// <param name="Akka">The Akka configuration: <c>akka.actor.provider = cluster</c>, remoting and cluster keys.</param>
/// <param name="LogLevel">Akka's log level (its log goes to the node's logger factory). Default Info.</param>
public sealed record ClusterMembership(string SystemName, Config Akka, LogLevel LogLevel = LogLevel.InfoLevel);
