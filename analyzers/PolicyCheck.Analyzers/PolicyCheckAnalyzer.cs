using Microsoft.CodeAnalysis.Diagnostics;

namespace PolicyCheck.Analyzers;

/// <summary>
/// The set-up every PolicyCheck analyzer shares: generated code skipped, concurrent execution, and per-compilation
/// state created once in <see cref="Start"/> (options, caches), the habit of xunit.analyzers' base analyzer.
/// </summary>
public abstract class PolicyCheckAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(Start);
    }

    /// <summary>Registers the analyzer's actions for one compilation.</summary>
    protected abstract void Start(CompilationStartAnalysisContext start);
}
