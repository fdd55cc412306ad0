
namespace PolicyCheck.Evaluation;

public enum Decision
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
    /// <summary>The answer depends on a context value that is unknown offline (see <see cref="EvaluationResult.DependsOn"/>).</summary>
    Depends,
}
