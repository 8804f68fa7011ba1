using System.Text.Json.Serialization;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// The body of <c>GET /cluster</c>: one node's view of the membership. Addresses are Akka's, <c>akka.tcp://system@host:port</c> text; the
/// JSON property names are the camel-case of these names. Uids are 64-bit and written as JSON strings (<c>"selfUid":
/// "2171334564226910513"</c>): JavaScript and jq read numbers as doubles, exact only up to 2^53; readers accept a string or a number. Built from Akka.Cluster's state by <see cref="ClusterStatusBuilder"/>.
/// </summary>
/// <param name="Self">This node's address.</param>
/// <param name="SelfUid">This node's incarnation uid; a decimal string in JSON.</param>
/// <param name="SelfStatus">This node's status (Removed before it joined and after it left).</param>
/// <param name="Leader">The leader's address, or null when there is none.</param>
/// <param name="Convergence">True when every reachable member has seen the current gossip.</param>
/// <param name="Members">The members in address order.</param>
/// <param name="Unreachable">The members some observer records as unreachable (see <see cref="ClusterStatusBuilder"/> on the observers).</param>
/// <param name="SeenBy">The members that have seen the current gossip version.</param>
internal sealed record ClusterStatusDto(
    string Self,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] long SelfUid,
    string SelfStatus,
    string? Leader,
    bool Convergence,
    IReadOnlyList<MemberDto> Members,
    IReadOnlyList<UnreachableDto> Unreachable,
    IReadOnlyList<string> SeenBy);

/// <summary>One member in <see cref="ClusterStatusDto"/>.</summary>
/// <param name="Address">The member's address.</param>
/// <param name="Uid">Its incarnation uid; a decimal string in JSON.</param>
/// <param name="Status">Joining, WeaklyUp, Up, Leaving, Exiting or Down.</param>
/// <param name="Reachable">False when some observer records it unreachable or terminated.</param>
/// <param name="Roles">Its roles, ordinal order.</param>
/// <param name="UpNumber">Its age rank (1 is the oldest), or null when it has never been Up.</param>
/// <param name="IsLeader">True for the leader.</param>
/// <param name="IsSelf">True for the node that answered.</param>
/// <param name="AppVersion">The member's application version (Akka's <c>akka.cluster.app-version</c>; <c>0.0.0</c> when not set).</param>
internal sealed record MemberDto(
    string Address,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] long Uid,
    string Status,
    bool Reachable,
    IReadOnlyList<string> Roles,
    int? UpNumber,
    bool IsLeader,
    bool IsSelf,
    string AppVersion = "0.0.0");

/// <summary>An unreachable member and who observes it so.</summary>
/// <param name="Address">The member's address.</param>
/// <param name="Status">Unreachable.</param>
/// <param name="ObservedBy">The observers' addresses.</param>
internal sealed record UnreachableDto(string Address, string Status, IReadOnlyList<string> ObservedBy);

/// <summary>The body of <c>POST /cluster/join|leave|down</c>.</summary>
/// <param name="Address">A node address (<c>akka.tcp://system@host:port</c>), or for leave and down also <c>host:port</c> of a member.</param>
internal sealed record AddressRequestDto(string? Address);

/// <summary>The answer to a command: what was done, or why not.</summary>
/// <param name="Message">A sentence for the operator.</param>
/// <param name="Address">The address the command was applied to, when it was resolved.</param>
internal sealed record CommandResultDto(string Message, string? Address = null);
