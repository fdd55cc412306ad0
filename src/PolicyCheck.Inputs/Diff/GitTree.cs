using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs.Diff;

/// <summary>The paths as they are at a git ref, written to a temporary folder (read with the git command; nothing of the user's is touched).</summary>
public sealed class GitTree : IDisposable
{
    private GitTree(string gitRef, string top, string root)
    {
        Ref = gitRef;
        Top = (top, false);
        Root = (root, false);
    }

    public string Ref { get; }
    /// <summary>The repository's top folder (HEAD's root for role keys).</summary>
    public (string Folder, bool IsFile) Top { get; }
    /// <summary>The temporary copy's top folder (BASE's root).</summary>
    public (string Folder, bool IsFile) Root { get; }
    /// <summary>The temporary copies of the paths, in the order given.</summary>
    public List<string> Paths { get; } = new List<string>();

    /// <summary>How a temporary path is shown: REF:path/in/repo.</summary>
    public string Shown(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        string root = Root.Folder + System.IO.Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) ? Ref + ":" + full.Substring(root.Length).Replace('\\', '/') : path;
    }

    public static GitTree? Checkout(string git, string gitRef, IReadOnlyList<string> paths, List<Problem> problems)
    {
        if (gitRef.Length == 0 || gitRef.StartsWith("-", StringComparison.Ordinal))
        {
            problems.Add(Problem.Input("--git", $"'{gitRef}' is not a git ref"));
            return null;
        }
        foreach (var p in paths)
        {
            if (p.IndexOfAny(PolicyFiles.GlobChars) >= 0)
            {
                problems.Add(Problem.Input(p, "--git compares files and folders; give the folder instead of a glob"));
                return null;
            }
        }
        string start = paths.Count > 0 ? System.IO.Path.GetFullPath(paths[0]) : Directory.GetCurrentDirectory();
        string cwd = Directory.Exists(start) ? start : System.IO.Path.GetDirectoryName(start) ?? ".";
        if (!Directory.Exists(cwd))
        {
            problems.Add(Problem.Input(paths.Count > 0 ? paths[0] : ".", "the path does not exist"));
            return null;
        }
        var top = Run(git, cwd, problems, "rev-parse", "--show-toplevel");
        if (top == null) return null;
        string topDir = System.IO.Path.GetFullPath(Encoding.UTF8.GetString(top).Trim());
        if (Run(git, topDir, problems, "rev-parse", "--verify", "--quiet", gitRef + "^{commit}") == null)
        {
            if (problems.Count > 0 && problems[problems.Count - 1].Message.StartsWith("git rev-parse", StringComparison.Ordinal)) problems.RemoveAt(problems.Count - 1);
            problems.Add(Problem.Input("--git", $"'{gitRef}' is not a commit, branch or tag of the repository at {topDir}"));
            return null;
        }
        string temp = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policycheck-diff-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(temp);
        var tree = new GitTree(gitRef, topDir, temp);
        try
        {
            foreach (var p in paths)
            {
                string full = System.IO.Path.GetFullPath(p);
                string rel = System.IO.Path.GetRelativePath(topDir, full).Replace('\\', '/');
                if (rel == ".." || rel.StartsWith("../", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(rel))
                {
                    problems.Add(Problem.Input(p, $"the path is outside the git repository at {topDir}"));
                    tree.Dispose();
                    return null;
                }
                var listed = Run(git, topDir, problems, "ls-tree", "-r", "-z", "--name-only", gitRef, "--", rel == "." ? "." : rel);
                if (listed == null)
                {
                    tree.Dispose();
                    return null;
                }
                foreach (var file in Encoding.UTF8.GetString(listed).Split('\0'))
                {
                    if (file.Length == 0 || !Wanted(file)) continue;
                    var bytes = Run(git, topDir, problems, "cat-file", "blob", gitRef + ":" + file);
                    if (bytes == null)
                    {
                        tree.Dispose();
                        return null;
                    }
                    string target = System.IO.Path.Combine(temp, file);
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                    File.WriteAllBytes(target, bytes);
                }
                string copy = rel == "." ? temp : System.IO.Path.Combine(temp, rel);
                // A folder the ref does not have yet is an empty BASE: every role in it is new.
                if (Directory.Exists(full) && !Directory.Exists(copy)) Directory.CreateDirectory(copy);
                if (File.Exists(copy) || Directory.Exists(copy)) tree.Paths.Add(copy);
            }
            return tree;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            problems.Add(Problem.Input("--git", "cannot write the files of " + gitRef + " to a temporary folder: " + ex.Message));
            tree.Dispose();
            return null;
        }
    }

    private static bool Wanted(string file)
    {
        string ext = System.IO.Path.GetExtension(file).ToLowerInvariant();
        return ext is ".json" or ".yaml" or ".yml" or ".template";
    }

    /// <summary>Runs git and returns its standard output, or adds a problem naming what failed.</summary>
    private static byte[]? Run(string git, string cwd, List<Problem> problems, params string[] args)
    {
        var info = new ProcessStartInfo(git)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            problems.Add(Problem.Input("--git", $"the git command ({git}) is not installed or not on PATH"));
            return null;
        }
        if (process == null)
        {
            problems.Add(Problem.Input("--git", $"the git command ({git}) could not be started"));
            return null;
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode == 0) return output.ToArray();
            string why = stderr.Result.Trim();
            int nl = why.IndexOf('\n');
            if (nl > 0) why = why.Substring(0, nl);
            problems.Add(Problem.Input("--git", $"git {args[0]} failed{(why.Length > 0 ? ": " + why : string.Empty)}"));
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root.Folder)) Directory.Delete(Root.Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            // a temporary copy left behind is harmless
        }
    }
}
