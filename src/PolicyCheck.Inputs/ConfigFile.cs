using System.IO;

namespace PolicyCheck.Inputs;

/// <summary>Where policycheck.yml is: the folder of a path or any folder above it.</summary>
public static class ConfigFile
{
    public static string? Find(string start)
    {
        string full = Path.GetFullPath(start);
        var dir = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full).Directory;
        for (; dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, Config.ConfigReader.FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
