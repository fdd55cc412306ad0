using System.Collections.Generic;

namespace PolicyCheck.Facts;

public sealed class FeatureFact
{
    public FeatureFact(string name, string description, IReadOnlyList<string> actions, IReadOnlyList<string> optionalActions)
    {
        Name = name;
        Description = description;
        Actions = actions;
        OptionalActions = optionalActions;
    }

    public string Name { get; }
    public string Description { get; }
    /// <summary>Actions the gateway needs for this feature.</summary>
    public IReadOnlyList<string> Actions { get; }
    /// <summary>Actions that belong with the feature but are not required (e.g. DeleteBatchInference).</summary>
    public IReadOnlyList<string> OptionalActions { get; }
}
