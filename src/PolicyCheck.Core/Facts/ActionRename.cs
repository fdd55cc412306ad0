
namespace PolicyCheck.Facts;

public sealed class ActionRename
{
    public ActionRename(string wrong, string right)
    {
        Wrong = wrong;
        Right = right;
    }

    /// <summary>A wrong action as written in the wild, e.g. "bedrock:InvokeModel" (case-insensitive).</summary>
    public string Wrong { get; }
    /// <summary>The Claude Platform action name, e.g. "CreateInference".</summary>
    public string Right { get; }
}
