using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyCheck.Analyzers.Tests;

internal static class Refs
{
    /// <summary>net10.0 reference assemblies from the package downloaded at restore (the built-in Net100 asks for 10.0.1, which the feed lacks).</summary>
    public static readonly ReferenceAssemblies Net100 = new ReferenceAssemblies("net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"), Path.Combine("ref", "net10.0"));
}

internal static class Verify<TAnalyzer> where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    public static Task Analyzer(string source, string? editorConfig = null, string? policycheckYml = null, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = Refs.Net100 };
        if (editorConfig != null) test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig));
        if (policycheckYml != null) test.TestState.AdditionalFiles.Add(("/policycheck.yml", policycheckYml));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task Fix<TFix>(string source, string fixedSource, string? editorConfig = null) where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource, ReferenceAssemblies = Refs.Net100 };
        if (editorConfig != null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig));
            test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig));
        }
        return test.RunAsync(CancellationToken.None);
    }
}
