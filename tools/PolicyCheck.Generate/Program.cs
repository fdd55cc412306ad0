using System;
using System.IO;
using PolicyCheck.Generate;
using PolicyCheck.Inputs;

// Regenerates the C# facts and the rule docs from rules/*.yml. Usage: dotnet run --project tools/PolicyCheck.Generate
string? root = args.Length > 0 ? args[0] : FindRoot(Directory.GetCurrentDirectory());
if (root == null)
{
    Console.Error.WriteLine("error: run inside the repository (no PolicyCheck.sln found above the current folder)");
    return 2;
}
int changed = 0;
foreach (var (relative, content) in Generator.Produce(root))
{
    string path = Path.Combine(root, relative);
    if (File.Exists(path) && File.ReadAllText(path) == content) continue;
    AtomicFile.WriteAllText(path, content);
    Console.WriteLine("wrote " + relative);
    changed++;
}
Console.WriteLine(changed == 0 ? "generated files are up to date" : $"{changed} file(s) updated");
return 0;

static string? FindRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "PolicyCheck.sln"))) return dir.FullName;
    }
    return null;
}
