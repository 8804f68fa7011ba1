using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>One cluster member (<c>GET /api/v1/nodes</c>).</summary>
/// <param name="Address">Its address, <c>akka.tcp://system@host:port</c>.</param>
/// <param name="Uid">Its incarnation's uid.</param>
/// <param name="Roles">Its roles (Akka's <c>dc-</c> role left out), sorted.</param>
/// <param name="Status">Akka's member status: <c>Joining</c>, <c>Up</c>, <c>Leaving</c>, <c>Exiting</c>, <c>Down</c>, <c>Removed</c>, <c>WeaklyUp</c>.</param>
/// <param name="Reachable">False when some member's failure detector marks it unreachable.</param>
/// <param name="Self">True for the node that answered.</param>
/// <param name="Leader">True for the cluster's leader.</param>
/// <param name="Load">Its task counters (queued, running, ...), asked within 2 s; null when it did not answer.</param>
internal sealed record NodeDto(string Address, long Uid, IReadOnlyList<string> Roles, string Status, bool Reachable, bool Self, bool Leader, NodeStatus? Load);
