using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;

namespace AkkaCompute.Client.Tests;

/// <summary>The client's logger: errors to its writer, except Akka.Remote's reports that a contact went away.</summary>
public sealed class ClientLoggerTests : TestKit
{
    private static Exception Internal(string typeName, params object[] args) =>
        (Exception)Activator.CreateInstance(typeof(Akka.Remote.RemoteTransport).Assembly.GetType(typeName, throwOnError: true)!, args)!;

    [Fact]
    public void Association_failures_are_dropped_and_other_errors_written()
    {
        var output = new StringWriter();
        var logger = Sys.ActorOf(Props.Create(() => new ClientLogger(output)));
        logger.Tell(new Error(Internal("Akka.Remote.EndpointDisassociatedException", "Disassociated"), "endpointWriter", typeof(object), "Disassociated"));
        logger.Tell(new Error(Internal("Akka.Remote.EndpointAssociationException", "Association failed", new InvalidOperationException("refused")), "endpointWriter", typeof(object), "Association failed"));
        logger.Tell(new Error(new InvalidOperationException("serializer 4702 failed"), "compute-client", typeof(object), "could not send"));
        logger.Tell(new Info("compute-client", typeof(object), "noise"));
        logger.Tell(new InitializeLogger(Sys.EventStream), TestActor); // answered after the events before it
        ExpectMsg<LoggerInitialized>();

        var text = output.ToString();
        Assert.Contains("could not send", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Disassociated", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Association failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("noise", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_configuration_uses_it_and_never_writes_to_stdout()
    {
        var config = ComputeClient.ClientConfig("127.0.0.1");
        Assert.Equal(["AkkaCompute.Client.ClientLogger, AkkaCompute.Client"], config.GetStringList("akka.loggers"));
        Assert.Equal("OFF", config.GetString("akka.stdout-loglevel"));
    }
}
