using PolicyCheck.Engine;
using PolicyCheck.Evaluation;

namespace PolicyCheck.Inputs.Simulation;

/// <summary>One simulated request and its evaluation.</summary>
public sealed class SimulationResult
{
    public SimulationResult(EvalRequest request, EvaluationResult result)
    {
        Request = request;
        Result = result;
    }

    public EvalRequest Request { get; }
    public EvaluationResult Result { get; }
    public string Decision => Proofs.DecisionName(Result.Decision);
}
