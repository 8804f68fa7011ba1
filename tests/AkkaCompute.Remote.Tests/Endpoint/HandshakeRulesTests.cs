using AkkaCompute.Remote.Endpoint;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Endpoint;

public sealed class HandshakeRulesTests
{
    private static readonly LocalIdentity Local = new("b", "akc", Psk: false, AllowedNodeIds: []);

    private static HandshakeRequest Request() => new()
    {
        ProtocolVersion = RemoteSettings.ProtocolVersion,
        System = "a",
        ClusterId = "akc",
        Address = "akc.tcp://a@127.0.0.1:2552",
        Uid = 42,
        TargetSystem = "b",
        Nonce = ByteString.CopyFrom(new byte[32]),
    };

    private static HandshakeResponse Response() => new()
    {
        Accepted = true,
        ProtocolVersion = RemoteSettings.ProtocolVersion,
        System = "b",
        ClusterId = "akc",
        Address = "akc.tcp://b@127.0.0.1:2553",
        Uid = 43,
        Nonce = ByteString.CopyFrom(new byte[32]),
    };

    private static string? Check(HandshakeRequest r, LocalIdentity? local = null, long quarantined = -1) =>
        HandshakeRules.CheckRequest(r, local ?? Local, uid => uid == quarantined, out _);

    [Fact]
    public void A_matching_request_is_accepted_and_yields_the_peer_address()
    {
        Assert.Null(HandshakeRules.CheckRequest(Request(), Local, _ => false, out var peer));
        Assert.Equal(Address.Parse("akc.tcp://a@127.0.0.1:2552"), peer);
    }

    [Theory]
    [InlineData("version", "protocol version mismatch")]
    [InlineData("target", "system name mismatch")]
    [InlineData("cluster", "cluster id mismatch: this node is in 'akc', the peer in 'other'")]
    [InlineData("address", "invalid peer address")]
    [InlineData("address-system", "invalid peer address")]
    [InlineData("uid", "invalid peer uid 0")]
    [InlineData("nonce", "invalid nonce")]
    public void Each_mismatch_is_refused_with_a_reason(string field, string reason)
    {
        var r = Request();
        switch (field)
        {
            case "version": r.ProtocolVersion = 99; break;
            case "target": r.TargetSystem = "c"; break;
            case "cluster": r.ClusterId = "other"; break;
            case "address": r.Address = "garbage"; break;
            case "address-system": r.Address = "akc.tcp://not-a@127.0.0.1:1"; break;
            case "uid": r.Uid = 0; break;
            case "nonce": r.Nonce = ByteString.CopyFrom(new byte[3]); break;
        }

        Assert.Contains(reason, Check(r));
    }

    [Fact]
    public void A_quarantined_incarnation_is_refused()
    {
        Assert.Contains("quarantined", Check(Request(), quarantined: 42));
    }

    [Fact]
    public void The_allow_list_admits_only_listed_addresses()
    {
        var allow = Local with { AllowedNodeIds = ["akc.tcp://a@127.0.0.1:2552"] };
        var deny = Local with { AllowedNodeIds = ["akc.tcp://z@127.0.0.1:1"] };

        Assert.Null(Check(Request(), allow));
        Assert.Contains("allowed-node-ids", Check(Request(), deny));
    }

    [Fact]
    public void A_matching_response_is_accepted()
    {
        Assert.Null(HandshakeRules.CheckResponse(Response(), Address.Parse("akc.tcp://b@127.0.0.1:2553"), Local, _ => false));
    }

    [Fact]
    public void Response_refusals_name_the_reason()
    {
        var expected = Address.Parse("akc.tcp://b@127.0.0.1:2553");
        var refused = Response();
        refused.Accepted = false;
        refused.Reason = "cluster id mismatch";
        Assert.Contains("refused by akc.tcp://b@127.0.0.1:2553: cluster id mismatch", HandshakeRules.CheckResponse(refused, expected, Local, _ => false));

        var wrongSystem = Response();
        wrongSystem.System = "x";
        Assert.Contains("system name mismatch", HandshakeRules.CheckResponse(wrongSystem, expected, Local, _ => false));

        var noProof = Response();
        Assert.Contains("no PSK proof", HandshakeRules.CheckResponse(noProof, expected, Local with { Psk = true }, _ => false));

        Assert.Contains("quarantined", HandshakeRules.CheckResponse(Response(), expected, Local, uid => uid == 43));
    }
}
