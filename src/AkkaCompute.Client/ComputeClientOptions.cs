namespace AkkaCompute.Client;

/// <summary>How a <see cref="ComputeClient"/> connects and how long it waits.</summary>
public sealed record ComputeClientOptions
{
    /// <summary>The address members reach this client at; null: the local address on the route to the first contact (loopback for a loopback contact).</summary>
    public string? Hostname { get; init; }

    /// <summary>How long <see cref="ComputeClient.ConnectAsync"/> waits for a contact point to answer. Default 15 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one request (a batch, a result, a cancel) waits for its answer before it is sent again (twice at most). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The client id sent with submissions (per-client quotas); null for none.</summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// Whether each submission asks the home to push the accepted tasks' results to this client as they finish
    /// (<c>SubmitBatch.PushResults</c>), so that <see cref="ComputeClient.WaitForResultAsync"/> and
    /// <see cref="ComputeClient.WatchResultsAsync"/> have them without a further round trip. Results nobody waits for yet are
    /// kept at most 60 s, 100,000 results and 64 MiB. Default true; false for a client that submits and does not wait (a
    /// front end that answers status queries later), so that results do not travel to it for nothing.
    /// </summary>
    public bool PushResults { get; init; } = true;
}
