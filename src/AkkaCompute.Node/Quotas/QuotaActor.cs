using Akka.Actor;
using AkkaCompute.Compute.Quotas;

namespace AkkaCompute.Node.Quotas;

/// <summary>Asks to take task slots for a client; the reply is <see cref="QuotaGranted"/> or <see cref="QuotaRefused"/>.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Tasks">Slots requested.</param>
public sealed record AcquireTaskQuota(string ClientId, int Tasks);

/// <summary>Asks to change a client's memory usage; the reply is <see cref="QuotaGranted"/> or <see cref="QuotaRefused"/>.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="KeysDelta">Keys added (negative: removed).</param>
/// <param name="BytesDelta">Bytes added (negative: removed).</param>
public sealed record ChangeMemoryQuota(string ClientId, int KeysDelta, long BytesDelta);

/// <summary>The request fits the client's quotas and is counted.</summary>
public sealed record QuotaGranted;

/// <summary>The request exceeds a quota; nothing was counted.</summary>
/// <param name="Refusal">Which quota, its limit and when it resets.</param>
public sealed record QuotaRefused(QuotaRefusal Refusal);

/// <summary>A thin actor around <see cref="QuotaLedger"/>, with time from the system's clock.</summary>
public sealed class QuotaActor : ReceiveActor
{
    /// <summary>Creates the actor.</summary>
    /// <param name="limits">The limits.</param>
    /// <param name="clock">The clock windows are measured by.</param>
    public QuotaActor(QuotaLimits limits, TimeProvider clock)
    {
        var ledger = new QuotaLedger(limits);
        Receive<AcquireTaskQuota>(a => Reply(ledger.TryAcquireTasks(a.ClientId, a.Tasks, clock.GetUtcNow())));
        Receive<ChangeMemoryQuota>(c => Reply(ledger.TryChangeMemory(c.ClientId, c.KeysDelta, c.BytesDelta)));
    }

    /// <summary>Props for the actor.</summary>
    /// <param name="limits">The limits.</param>
    /// <param name="clock">The clock windows are measured by; default the system clock.</param>
    public static Props Props(QuotaLimits limits, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new QuotaActor(limits, clock ?? TimeProvider.System));

    private void Reply(QuotaRefusal? refusal) =>
        Sender.Tell(refusal is null ? new QuotaGranted() : new QuotaRefused(refusal), Self);
}
