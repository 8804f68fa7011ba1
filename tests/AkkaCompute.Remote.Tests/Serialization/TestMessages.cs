namespace AkkaCompute.Remote.Tests.Serialization;

// Messages used by the serialization tests. Public so that System.Text.Json and Type.GetType see them.

public sealed record Ping(int Id, string Text);

public sealed record OrderLine(string Sku, decimal Quantity);

public sealed record Order(string Id, List<OrderLine> Lines, Dictionary<string, List<int>> Tags, int[][] Grid);

public sealed record Routed(IActorRef Target, IActorRef? ReplyTo, List<IActorRef?> Watchers, Dictionary<string, IActorRef> ByName);

public sealed record Sample(int Number, string? Text, double Real, long Big, bool Flag, Guid Id, DateTimeOffset At);

public sealed record WithDelegate(Action Callback);

public abstract record Shape;

public sealed record Circle(double Radius) : Shape;

public class BaseEvent;

public class DerivedEvent : BaseEvent;

public sealed class LeafEvent : DerivedEvent;

public interface IA;

public interface IB : IA;

public interface IC;

public sealed record ImplementsB : IB;

public sealed record ImplementsAAndC : IA, IC;

public sealed class DerivedAndA : BaseEvent, IA;
