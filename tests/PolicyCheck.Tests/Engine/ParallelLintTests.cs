using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using Xunit;

namespace PolicyCheck.Tests;

/// <summary>Lint runs roles on every core: what it finds, and in what order, is what one core finds.</summary>
public sealed class ParallelLintTests
{
    [Fact]
    public void LintRoles_OnEveryCore_EqualsOneRoleAfterAnother()
    {
        var request = new LintRequest { SearchConfig = false };
        request.Paths.Add(Path.Combine(Lint.Repo, "examples"));
        var read = LintRunner.Read(request, BuiltIn.Service, BuiltIn.Catalog);
        Assert.NotNull(read.Config);
        Assert.True(read.Roles.Count > 20, $"{read.Roles.Count} roles: too few to interleave");
        var engine = LintEngine.CreateDefault(EmbeddedCatalog.Load);

        var oneCore = new List<Diagnostic>();
        foreach (var role in read.Roles) engine.LintRole(role, read.Config!, oneCore);
        for (int run = 0; run < 3; run++)
        {
            var everyCore = engine.LintRoles(read.Roles, read.Config!);
            Assert.Equal(Show(oneCore), Show(everyCore));
        }
        Assert.True(oneCore.Count > 30, $"{oneCore.Count} findings: too few to compare");
    }

    [Fact]
    public void LintRunner_ReadsFilesOnEveryCore_InTheOrderTheyCame()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 60; i++)
        {
            dir.Write($"role-{i:D2}/permission.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"bedrock:InvokeModel\",\"Resource\":\"*\"}]}");
            if (i % 10 == 3) dir.Write($"role-{i:D2}/broken.json", "{\"Version\": ");
        }
        var request = new LintRequest { SearchConfig = false };
        request.Paths.Add(dir.Path);
        var read = LintRunner.Read(request, BuiltIn.Service, BuiltIn.Catalog);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"role-{i:D2}"), read.Roles.Select(r => Path.GetFileName(r.Name)));
        Assert.Equal(66, read.Report.FilesRead);
    }

    private static List<string> Show(List<Diagnostic> found)
        => found.Select(d => $"{d.RuleId} {d.Path}({d.Span.Line},{d.Span.Column}) {d.Message}").ToList();
}
