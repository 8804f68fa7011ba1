using System.Globalization;

namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// Everything one placement run shares outside the simulated network: the options, the membership service, the clients'
/// ledger, the checkers, the counters, the trace and the clients' inboxes (a client hands a batch to a node directly).
/// One world per simulation; never shared between runs.
/// </summary>
internal sealed class PlacementWorld
{
    private readonly Queue<string> trace;

    public PlacementWorld(PlacementOptions options, long seed)
    {
        Options = options;
        Random = new Random(unchecked((int)(seed ^ (seed >> 32) ^ 0x5EED_1234)));
        Membership = new MembershipService(this);
        Checker = new SafetyChecker();
        Client = new ClientLedger(Checker);
        trace = new Queue<string>(Math.Min(options.TraceCapacity, 4096));
        Inbox = Enumerable.Range(0, options.Nodes).Select(_ => new Queue<SubmittedBatch>()).ToArray();
    }

    public PlacementOptions Options { get; }

    /// <summary>The world's own seeded random source (workload, restart delays); nodes use their context's.</summary>
    public Random Random { get; }

    public MembershipService Membership { get; }

    public SafetyChecker Checker { get; }

    public ClientLedger Client { get; }

    public PlacementStats Stats { get; } = new();

    public Simulation<Envelope> Sim { get; set; } = null!;

    /// <summary>Batches handed to each node, waiting for it to take them.</summary>
    public Queue<SubmittedBatch>[] Inbox { get; }

    public Dictionary<string, int> NodeOfAddress { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, int> UidNode { get; } = [];

    /// <summary>True when the run keeps a trace; guard every <see cref="Log"/> call with it so that swarm runs format nothing.</summary>
    public bool Tracing => Options.TraceCapacity > 0;

    /// <summary>The last <see cref="PlacementOptions.TraceCapacity"/> protocol events, oldest first.</summary>
    public IReadOnlyCollection<string> Trace => trace;

    public int NodeOfUid(long uid) => UidNode.GetValueOrDefault(uid, -1);

    public void Log(string text)
    {
        if (trace.Count >= Options.TraceCapacity)
        {
            trace.Dequeue();
        }

        trace.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{Sim.Now.TotalMilliseconds,9:0.0} ms  {text}"));
    }
}
