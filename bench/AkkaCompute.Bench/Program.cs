using AkkaCompute.Bench;

// bench/run SUITE [--quick]: runs one suite and prints its figures as JSON lines.
// "remote-peer ..." is not a suite: it is the second process that the remote suite starts (see RemotePeer).
if (args.Length > 0 && args[0] == RemotePeer.Verb)
{
    return RemotePeer.Run(args);
}

var suites = new Dictionary<string, Func<bool, IEnumerable<BenchResult>>>(StringComparer.OrdinalIgnoreCase)
{
    ["actors"] = ActorsSuite.Run,
    ["fibheap"] = FibHeapSuite.Run,
    ["engine"] = EngineSuite.Run,
    ["shell"] = ShellSuite.Run,
    ["journal"] = JournalSuite.Run,
    ["membership"] = MembershipSuite.Run,
    ["remote"] = RemoteSuite.Run,
    ["cluster"] = ClusterSuite.Run,
    ["latency"] = LatencySuite.Run,
    ["throughput"] = ClusterSuite.RunThroughput,
    ["api"] = ApiSuite.Run,
    ["saturation"] = SaturationSuite.Run,
    ["mcp"] = McpSuite.Run,
    ["footprint"] = FootprintSuite.Run,
};

if (args.Length == 0 || args[0] is "-h" or "--help" || !suites.ContainsKey(args[0]))
{
    Console.Error.WriteLine("usage: bench/run SUITE [--quick]");
    Console.Error.WriteLine("suites: " + string.Join(", ", suites.Keys));
    Console.Error.WriteLine("  --quick  smaller sizes; the whole suite finishes in under 60 s");
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
}

var quick = args.Contains("--quick");
foreach (var result in suites[args[0]](quick))
{
    Console.WriteLine(result.ToJson());
}
return 0;
