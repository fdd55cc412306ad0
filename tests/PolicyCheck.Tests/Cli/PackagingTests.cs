using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>The tool packages, the release workflow that publishes them and the install the README shows agree.</summary>
public sealed class PackagingTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine(new[] { Lint.Repo }.Concat(path).ToArray()));

    private static string[] ToolRids()
        => Regex.Match(Read("src", "PolicyCheck.Cli", "PolicyCheck.Cli.csproj"), "<ToolPackageRuntimeIdentifiers>([^<]+)</ToolPackageRuntimeIdentifiers>").Groups[1].Value
            .Split(';', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void TheReleaseMatrix_PacksEveryNativeRid_ThePointerPackageNames_AndChecksTheAnyFallback()
    {
        var rids = ToolRids();
        Assert.Contains("any", rids);
        Assert.Contains("linux-x64", rids);
        string release = Read(".github", "workflows", "release.yml");
        var matrix = Regex.Matches(release, @"- \{ rid: ([\w-]+), os: [\w.-]+ \}").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(rids.Where(r => r != "any").OrderBy(r => r, StringComparer.Ordinal), matrix.OrderBy(r => r, StringComparer.Ordinal));
        var published = Regex.Match(release, @"for rid in ([\w -]+); do").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rids.OrderBy(r => r, StringComparer.Ordinal), published.OrderBy(r => r, StringComparer.Ordinal));
        Assert.Contains("bash tools/pack.sh out ${{ matrix.rid }}", release);
        Assert.Contains("secrets.NUGET_API_KEY", release);
    }

    [Fact]
    public void TheReadmesInstall_IsWhatCiRunsAndLintsWith()
    {
        string readme = Read("README.md");
        string installed = Read("tools", "installed.sh");
        const string install = "dotnet tool install --global PolicyCheck --add-source artifacts/packages";
        Assert.Contains("\n" + install + "\n", readme);
        Assert.Contains("  " + install + " ", installed);
        Assert.Contains("\nbash tools/pack.sh artifacts/packages linux-x64\n", readme);
        Assert.Contains("bash tools/pack.sh artifacts/packages \"$rid\"", installed);
        Assert.Contains("\"$native\" lint examples/", installed);
        Assert.Contains("\nbash tools/installed.sh\n", Read(".ci", "run"));
        foreach (var rid in ToolRids().Where(r => r != "any")) Assert.Contains(rid, readme);
    }
}
