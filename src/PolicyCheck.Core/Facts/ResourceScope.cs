
namespace PolicyCheck.Facts;

public enum ResourceScope
{
    /// <summary>The action needs a workspace ARN.</summary>
    Workspace,
    /// <summary>The action takes a workspace ARN or "*".</summary>
    WorkspaceOptional,
    /// <summary>The action has no resource type: only "Resource": "*" grants it.</summary>
    Account,
}
