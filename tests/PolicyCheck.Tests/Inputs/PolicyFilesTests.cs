using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PolicyCheck.Inputs;
using PolicyCheck.Json;
using Xunit;

namespace PolicyCheck.Tests.Inputs;

/// <summary>Reading a policy file with the size its folder listing found: a file that changed since is read as it is now.</summary>
public sealed class PolicyFilesTests
{
    [Fact]
    public void ReadBytes_FileGrewSinceTheListing_IsReadWhole()
    {
        using var dir = new TempDir();
        string path = dir.Write("p.json", "{\"Version\":\"2012-10-17\"}");
        var errors = new List<Problem>();
        var bytes = PolicyFiles.ReadBytes(path, errors, knownLength: 4);
        Assert.Empty(errors);
        Assert.Equal("{\"Version\":\"2012-10-17\"}", Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void ReadBytes_FileShrankSinceTheListing_IsReadAsItIs()
    {
        using var dir = new TempDir();
        string path = dir.Write("p.json", "{}");
        var errors = new List<Problem>();
        Assert.Equal("{}", Encoding.UTF8.GetString(PolicyFiles.ReadBytes(path, errors, knownLength: 4000)!));
        Assert.Empty(errors);
    }

    [Fact]
    public void ReadBytes_ListedTooLarge_IsAnErrorNamingTheSize()
    {
        using var dir = new TempDir();
        string path = dir.Write("p.json", "{}");
        var errors = new List<Problem>();
        Assert.Null(PolicyFiles.ReadBytes(path, errors, knownLength: PolicyFiles.MaxFileBytes + 1));
        Assert.Contains("4,194,305 bytes", Assert.Single(errors).Message);
    }

    [Fact]
    public void Expand_ListsEachFileWithItsSize()
    {
        if (!System.OperatingSystem.IsLinux()) return; // the size comes from statx
        using var dir = new TempDir();
        dir.Write("a/p.json", "{\"Statement\":[]}");
        dir.Write("b/q.json", "");
        var files = PolicyFiles.Expand(new[] { dir.Path }, new List<Problem>());
        Assert.Equal(new long[] { 16, 0 }, files.Select(f => f.Length));
    }
}
