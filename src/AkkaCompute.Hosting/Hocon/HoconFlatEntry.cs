namespace AkkaCompute.Hosting.Hocon;

/// <summary>One setting of a flattened HOCON document, in <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> form.</summary>
/// <param name="Key">The configuration key: the path's keys joined by <c>':'</c>, array elements as <c>0</c>, <c>1</c>, ... (e.g. <c>akka:cluster:roles:0</c>).</param>
/// <param name="Value">The scalar's text; null for a HOCON null, an empty object or an empty array.</param>
/// <param name="Origin">Where the value was defined.</param>
public sealed record HoconFlatEntry(string Key, string? Value, HoconOrigin Origin);
