namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>What <see cref="TagSerializer"/> reads back.</summary>
public sealed record Tagged(int SerializerId, string Text);
