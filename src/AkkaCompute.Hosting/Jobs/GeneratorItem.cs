namespace AkkaCompute.Hosting.Jobs;

/// <summary>A template variable's value: its text and whether it is a number.</summary>
/// <param name="Text">The text substituted for <c>{{name}}</c>.</param>
/// <param name="IsNumber">True for numbers, which a string that is only this placeholder turns into a JSON number.</param>
internal readonly record struct TemplateValue(string Text, bool IsNumber);

/// <summary>One item a generator produced: the id suffix of its task and its template variables.</summary>
/// <param name="IdSuffix">The part of the generated id after <c>prefix-</c> (before sanitizing).</param>
/// <param name="Values">The variables by name, e.g. <c>item</c>, <c>index</c>.</param>
internal sealed record GeneratorItem(string IdSuffix, IReadOnlyDictionary<string, TemplateValue> Values);
