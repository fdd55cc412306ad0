using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PolicyCheck.Inputs;
using PolicyCheck.Json;
using Xunit;

namespace PolicyCheck.Tests.Inputs;

/// <summary>
/// Reading a file a folder listing found regular: small ones in one read; anything else (large, gone, a folder now)
/// the .NET way, which says what is wrong.
/// </summary>
public sealed class PolicyFilesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(64 * 1024 - 1)]
    [InlineData(64 * 1024)]
    [InlineData(200 * 1024)]
    public void ReadBytes_ListedRegular_IsReadWhole(int size)
    {
        using var dir = new TempDir();
        var content = new byte[size];
        for (int i = 0; i < size; i++) content[i] = (byte)('a' + i % 26);
        string path = Path.Combine(dir.Path, "p.json");
        File.WriteAllBytes(path, content);
        var errors = new List<Problem>();
        Assert.Equal(content, PolicyFiles.ReadBytes(path, errors, regular: true));
        Assert.Empty(errors);
    }

    [Fact]
    public void ReadBytes_ListedRegular_ButGoneOrAFolderNow_IsAnError()
    {
        using var dir = new TempDir();
        var errors = new List<Problem>();
        Assert.Null(PolicyFiles.ReadBytes(Path.Combine(dir.Path, "gone.json"), errors, regular: true));
        Directory.CreateDirectory(Path.Combine(dir.Path, "now-a-folder.json"));
        Assert.Null(PolicyFiles.ReadBytes(Path.Combine(dir.Path, "now-a-folder.json"), errors, regular: true));
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("cannot read file", e.Message));
    }

    [Fact]
    public void ReadBytes_ListedRegular_ButTooLarge_IsAnErrorNamingTheSize()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "p.json");
        using (var f = new FileStream(path, FileMode.Create)) f.SetLength(PolicyFiles.MaxFileBytes + 1);
        var errors = new List<Problem>();
        Assert.Null(PolicyFiles.ReadBytes(path, errors, regular: true));
        Assert.Contains("4,194,305 bytes", Assert.Single(errors).Message);
    }

    [Fact]
    public void Expand_MarksTheFilesTheListingFoundRegular()
    {
        if (!System.OperatingSystem.IsLinux()) return; // the type comes from readdir
        using var dir = new TempDir();
        dir.Write("a/p.json", "{\"Statement\":[]}");
        dir.Write("b/q.json", "");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "b", "r.json"), Path.Combine(dir.Path, "a", "p.json"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "c"), Path.Combine(dir.Path, "a"));
        var files = PolicyFiles.Expand(new[] { dir.Path }, new List<Problem>());
        Assert.Equal(new[] { "a/p.json:True", "b/q.json:True", "b/r.json:False" },
            files.Select(f => Path.GetRelativePath(dir.Path, f.Path).Replace('\\', '/') + ":" + f.Regular));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/./")]
    public void Expand_GivesEachFileTheFolderItsRoleIsNamedAfter(string suffix)
    {
        // The walk says each file's folder (worked out once per folder); it is the one RoleReader.FolderOf names.
        using var dir = new TempDir();
        dir.Write("p.json", "{}");
        dir.Write("a/p.json", "{}");
        dir.Write("a/q.json", "{}");
        dir.Write("a/b/r.json", "{}");
        string cwd = Directory.GetCurrentDirectory();
        var files = PolicyFiles.Expand(new[] { dir.Path + suffix }, new List<Problem>());
        Assert.Equal(4, files.Count);
        foreach (var f in files) Assert.Equal(PolicyCheck.Inputs.RoleReader.FolderOf(f.Path, cwd), f.FolderIn(cwd));
        Assert.Equal(3, files.Select(f => f.FolderIn(cwd)).Distinct().Count());
        Assert.Equal(Path.GetFullPath(Path.Combine(dir.Path, "a")), files.Single(f => f.Path.EndsWith("q.json")).FolderIn(cwd));
    }

    [Fact]
    public void Expand_ListsNamesThatStartWithDots_ButNotTheFolderEntriesDotAndDotDot()
    {
        using var dir = new TempDir();
        dir.Write(".p.json", "{}");
        dir.Write("..q.json", "{}");
        dir.Write("...json", "{}");
        dir.Write(".d/r.json", "{}");
        var files = PolicyFiles.Expand(new[] { dir.Path }, new List<Problem>());
        Assert.Equal(new[] { "...json", "..q.json", ".d/r.json", ".p.json" }.OrderBy(n => n, System.StringComparer.Ordinal),
            files.Select(f => Path.GetRelativePath(dir.Path, f.Path).Replace('\\', '/')).OrderBy(n => n, System.StringComparer.Ordinal));
    }
}
