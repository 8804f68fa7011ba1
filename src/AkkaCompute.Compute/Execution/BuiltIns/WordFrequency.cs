namespace AkkaCompute.Compute.Execution;

/// <summary>One entry of <see cref="WordCountResult.Top"/>.</summary>
/// <param name="Word">The lower-cased token.</param>
/// <param name="Count">Its occurrences.</param>
public sealed record WordFrequency(string Word, long Count);
