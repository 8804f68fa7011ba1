using Akka.Actor;
using AkkaCompute.Compute.Memory;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Client;

/// <summary>The shared memory: a key-value map every member replicates (the member's <c>/user/memory</c>).</summary>
public sealed partial class ComputeClient
{
    /// <summary>Reads <paramref name="key"/>: its entry (JSON text, writer, time), or null when no member asked holds it.</summary>
    /// <param name="key">1 to 256 characters, no control characters.</param>
    /// <param name="consistency">Local: the contact member's replica; Majority or All: that many members (default Local).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="MemoryRequestException">A bad key, or too few members answered within the node's <c>akc.memory.timeout</c>.</exception>
    /// <exception cref="SubmissionException">No answer from any contact after three tries.</exception>
    public async Task<MemoryEntry?> MemoryGetAsync(string key, MemoryConsistency consistency = MemoryConsistency.Local, CancellationToken cancellationToken = default) =>
        Expect<MemoryValue>(await AskAsync<object>(new MemoryGet(key, consistency), cancellationToken, ClientTarget.Memory).ConfigureAwait(false)).Entry;

    /// <summary>Writes <paramref name="json"/> under <paramref name="key"/>, counted against this client's quota (<see cref="ComputeClientOptions.ClientId"/>).</summary>
    /// <param name="key">1 to 256 characters, no control characters.</param>
    /// <param name="json">Any JSON value as text, at most <c>akc.memory.max-value-bytes</c> (default 64 KiB).</param>
    /// <param name="consistency">How many members hold it before this returns (default Local).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when the key had a value before.</returns>
    /// <exception cref="MemoryRequestException">A bad key or value, a quota exceeded, or too few members confirmed in time.</exception>
    /// <exception cref="SubmissionException">No answer from any contact after three tries.</exception>
    public async Task<bool> MemorySetAsync(string key, string json, MemoryConsistency consistency = MemoryConsistency.Local, CancellationToken cancellationToken = default) =>
        Expect<MemoryWritten>(await AskAsync<object>(new MemorySet(key, json, consistency, _options.ClientId), cancellationToken, ClientTarget.Memory).ConfigureAwait(false)).Existed;

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <param name="key">1 to 256 characters, no control characters.</param>
    /// <param name="consistency">How many members hold the removal before this returns (default Local).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when the key had a value before.</returns>
    /// <exception cref="MemoryRequestException">A bad key, or too few members confirmed in time.</exception>
    /// <exception cref="SubmissionException">No answer from any contact after three tries.</exception>
    public async Task<bool> MemoryDeleteAsync(string key, MemoryConsistency consistency = MemoryConsistency.Local, CancellationToken cancellationToken = default) =>
        Expect<MemoryWritten>(await AskAsync<object>(new MemoryDelete(key, consistency), cancellationToken, ClientTarget.Memory).ConfigureAwait(false)).Existed;

    /// <summary>Keys of the contact member's replica starting with <paramref name="prefix"/>, in ordinal order.</summary>
    /// <param name="prefix">Empty for every key.</param>
    /// <param name="limit">Most keys, 1 to 10,000 (default 1,000).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The keys with their entries, and the replica's key count and bytes.</returns>
    /// <exception cref="MemoryRequestException"><paramref name="limit"/> out of range.</exception>
    /// <exception cref="SubmissionException">No answer from any contact after three tries.</exception>
    public async Task<MemoryListing> MemoryListAsync(string prefix = "", int limit = 1000, CancellationToken cancellationToken = default) =>
        Expect<MemoryListing>(await AskAsync<object>(new MemoryList(prefix, limit), cancellationToken, ClientTarget.Memory).ConfigureAwait(false));

    private static T Expect<T>(object answer) => answer switch
    {
        T expected => expected,
        MemoryFailed failed => throw new MemoryRequestException(string.IsNullOrEmpty(failed.Key) ? failed.Error : $"{failed.Key}: {failed.Error}", failed.Quota),
        _ => throw new MemoryRequestException($"unexpected answer from the cluster: {answer.GetType().Name}"),
    };
}
