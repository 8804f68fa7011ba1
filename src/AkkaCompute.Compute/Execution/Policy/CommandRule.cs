namespace AkkaCompute.Compute.Execution;

/// <summary>
/// A deny rule: a .NET regular expression matched (case-insensitively) against the normalized
/// command text (see <see cref="CommandPolicy"/>). To match a command name only where a command
/// starts, write <c>CommandPolicy.CommandStart + "curl" + CommandPolicy.WordEnd</c>, or list the
/// name in <see cref="CommandPolicyOptions.DenyCommands"/>.
/// </summary>
/// <param name="Name">Named in refusals: <c>refused by deny rule 'NAME': ...</c>. 1 to 100 characters.</param>
/// <param name="Pattern">The regular expression.</param>
public sealed record CommandRule(string Name, string Pattern);
