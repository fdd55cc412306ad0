using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PolicyCheck.Fuzz;
using Xunit;

namespace PolicyCheck.Tests.BadInput;

/// <summary>Every input the fuzzer found, and every seed, goes through its reader without an exception or a hang.</summary>
public sealed class FuzzRegressionTests
{
    private static string Folder => Path.Combine(Lint.Repo, "tests", "PolicyCheck.Tests", "BadInput", "fuzz-crashers");

    public static IEnumerable<object[]> Found()
        => Directory.GetFiles(Folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void TheFoundInputsAreKept() => Assert.True(Found().Count() >= 2);

    [Theory]
    [MemberData(nameof(Found))]
    public async System.Threading.Tasks.Task FoundInput_IsReadWithoutCrashOrHang(string file)
    {
        string target = file.Substring(0, file.IndexOf('-'));
        byte[] input = File.ReadAllBytes(Path.Combine(Folder, file));
        var run = Task.Run(() => Targets.All[target](input));
        var done = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(done == run, file + " hangs");
        await run;
    }

    [Fact]
    public void TheConfigCrashers_AreAPositionedConfigError()
    {
        foreach (var name in new[] { "config-parser-invalid-operation.yml", "config-scanner-loop.yml" })
        {
            using var dir = new TempDir();
            File.Copy(Path.Combine(Folder, name), Path.Combine(dir.Path, "policycheck.yml"));
            var policy = dir.Write("p.json", Lint.Permission("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""));
            var (exit, output, err) = CliRunner.Run(new[] { "lint", policy });
            Assert.Equal(2, exit);
            Assert.Contains("policycheck.yml(", output + err);
            Assert.Contains("PC4001", output + err);
            Assert.DoesNotContain("internal error", output + err);
        }
    }

    [Fact]
    public void EverySeedAndGeneratedShape_PassesEveryTarget()
    {
        var seeds = PolicyCheck.Fuzz.Program.Seeds(Lint.Repo);
        foreach (var (name, pool) in seeds)
        {
            foreach (var input in pool.Concat(Shapes.For(name))) Assert.True(PolicyCheck.Fuzz.Program.Run(Targets.All[name], input, out _, out var error), $"{name}: {error}");
        }
    }

    [Fact]
    public void ShortFuzzRun_FindsNothing()
    {
        // The same mutation loop CI runs for longer (.ci/run): a few thousand inputs per target.
        var seeds = PolicyCheck.Fuzz.Program.Seeds(Lint.Repo);
        foreach (var (name, pool) in seeds)
        {
            var mutator = new Mutator(7);
            for (int i = 0; i < 2000; i++)
            {
                var input = mutator.Mutate(pool[i % pool.Count], pool);
                Assert.True(PolicyCheck.Fuzz.Program.Run(Targets.All[name], input, out _, out var error), $"{name} input {i}: {error}");
            }
        }
    }
}
