namespace AkkaCompute.Cli.Management;

/// <summary>The outcome of checking a request's <c>Authorization</c> header against the node's <see cref="BearerToken"/>.</summary>
internal enum TokenCheck
{
    /// <summary>The header carries the configured token: the command may run.</summary>
    Accepted,

    /// <summary>The node has no token configured (<c>akc.management.token-file</c> and <c>token-env</c> are empty): every write is refused.</summary>
    NotConfigured,

    /// <summary>The request has no <c>Authorization: Bearer ...</c> header.</summary>
    Missing,

    /// <summary>The request carries a token that is not the configured one.</summary>
    Wrong,
}
