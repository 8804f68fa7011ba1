namespace System.IOther;

/// <summary>A type in a namespace that shares a prefix (but not a segment) with System.IO.</summary>
public sealed record Probe(int Value);
