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
        var read = Lint.ReadExamples();
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

    /// <summary>A tree of many folders is listed on every core: its files, and what cannot be read, in the walk's order.</summary>
    [Fact]
    public void Walk_OnEveryCore_ListsInTheWalksOrder()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 40; i++)
        {
            dir.Write($"f{i:D2}/a.json", "{}");
            dir.Write($"f{i:D2}/deeper/b.json", "{}");
        }
        dir.Write("top.json", "{}");
        foreach (var i in new[] { 7, 31 })
        {
            using var mk = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", Path.Combine(dir.Path, $"f{i:D2}", "pipe.json")) { UseShellExecute = false })!;
            mk.WaitForExit();
        }
        var errors = new List<PolicyCheck.Json.Problem>();
        var files = PolicyFiles.Expand(new[] { dir.Path, Path.Combine(dir.Path, "f03") }, errors);
        var expected = new List<string> { "top.json" };
        for (int i = 0; i < 40; i++) expected.AddRange(new[] { $"f{i:D2}/a.json", $"f{i:D2}/deeper/b.json" });
        Assert.Equal(expected, files.Select(f => Path.GetRelativePath(dir.Path, f.Path).Replace('\\', '/')));
        Assert.Equal(new[] { "f07/pipe.json", "f31/pipe.json" }, errors.Select(e => Path.GetRelativePath(dir.Path, e.Path).Replace('\\', '/')));
    }

    /// <summary>
    /// lint reads files in blocks and lints each role once its folder's last file is read: the same findings, roles
    /// checked and secrets as reading everything first, with folders spanning blocks and named out of order.
    /// </summary>
    [Fact]
    public void LintRunner_LintsRolesAsTheyAreFinished_AsIfReadAllAtOnce()
    {
        using var dir = new TempDir();
        const string Trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::299329113195:role/portkey-app\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"tenant-ID-secret\"}}}]}";
        for (int i = 0; i < 200; i++)
        {
            dir.Write($"r{i:D3}/permission.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"aws-external-anthropic:*\",\"Resource\":\"*\"}]}");
            dir.Write($"r{i:D3}/trust.json", i % 7 == 0 ? Trust.Replace("StringEquals", "StringLike").Replace("ID", i.ToString()) : Trust.Replace("ID", i.ToString()));
        }
        // One folder of 300 policies: its role spans many units of the run.
        for (int i = 0; i < 300; i++) dir.Write($"wide/p{i:D3}.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"bedrock:InvokeModel\",\"Resource\":\"*\"}]}");
        var request = new LintRequest { SearchConfig = false };
        request.Paths.Add(Path.Combine(dir.Path, "r000", "trust.json")); // r000 opens first and is finished only by its permission.json, named last
        request.Paths.Add(Path.Combine(dir.Path, "wide"));
        for (int i = 1; i < 200; i++) request.Paths.Add(Path.Combine(dir.Path, $"r{i:D3}"));
        request.Paths.Add(Path.Combine(dir.Path, "r000", "permission.json"));

        var streamed = LintRunner.Run(request, BuiltIn.Service, BuiltIn.Catalog);
        var read = LintRunner.Read(request, BuiltIn.Service, BuiltIn.Catalog);
        var engine = LintEngine.CreateDefault(EmbeddedCatalog.Load);
        var atOnce = engine.Lint(read.Roles, read.Config!);

        Assert.Equal(201, streamed.Checked.Count);
        Assert.Equal(read.Roles.Select(r => r.Name), streamed.Checked.Select(c => c.Role));
        Assert.Equal(read.Roles.Select(r => engine.RulesFor(r, read.Config!).Count), streamed.Checked.Select(c => c.RuleIds.Count));
        Assert.Equal(Show(atOnce), Show(streamed.Diagnostics));
        Assert.Equal(atOnce.Select(d => d.Role), streamed.Diagnostics.Select(d => d.Role));
        Assert.Contains(streamed.Diagnostics, d => d.RuleId == "PC3006" && d.Path.EndsWith(Path.Combine("r000", "trust.json")));
        Assert.Contains(streamed.Diagnostics, d => d.Path.Contains("wide"));
        Assert.Equal(read.Report.Secrets.Distinct().OrderBy(x => x), streamed.Secrets.Distinct().OrderBy(x => x));
        Assert.Contains("tenant-199-secret", streamed.Secrets);
    }

    private static List<string> Show(List<Diagnostic> found)
        => found.Select(d => $"{d.RuleId} {d.Path}({d.Span.Line},{d.Span.Column}) {d.Message}").ToList();
}
