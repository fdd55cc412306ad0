using System;
using System.Collections.Generic;
using System.IO;
using PolicyCheck.Engine;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs;

/// <summary>Turns the paths, folders and globs on the command line into files.</summary>
public static class PolicyFiles
{
    /// <summary>The characters that make a path a glob.</summary>
    public static readonly char[] GlobChars = { '*', '?' };

    public const long MaxFileBytes = 4 * 1024 * 1024;
    /// <summary>At most this many files in one run; a tree larger than that is more likely a wrong path than a policy folder.</summary>
    public const int MaxFiles = 20_000;

    private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", "node_modules", "bin", "obj", ".terraform", ".vs", ".idea",
    };

    public static List<PolicyFile> Expand(IEnumerable<string> inputs, List<Problem> errors)
    {
        var files = new List<PolicyFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (input.IndexOfAny(GlobChars) >= 0)
            {
                int before = files.Count;
                ExpandGlob(input, files, seen, errors);
                if (files.Count == before) errors.Add(Problem.Input(input, "no file matches this pattern"));
            }
            else if (File.Exists(input))
            {
                if (seen.Add(Path.GetFullPath(input))) files.Add(new PolicyFile(input, true));
            }
            else if (Directory.Exists(input))
            {
                Walk(input, files, seen, errors, 0);
            }
            else
            {
                errors.Add(Problem.Input(input, "no such file or folder"));
            }
        }
        if (files.Count > MaxFiles)
        {
            errors.Add(Problem.Input(string.Join(", ", inputs), $"{files.Count:N0} files found; at most {MaxFiles:N0} are linted in one run (is the path right?)"));
            files.RemoveRange(MaxFiles, files.Count - MaxFiles);
        }
        return files;
    }

    /// <summary>
    /// A pre-commit hook's changed files: each JSON file with the JSON files of its folder (a policy's role is its
    /// folder), each YAML file alone; none is "named" (what is no policy, template or plan is skipped, as in a walk).
    /// </summary>
    public static List<PolicyFile> ForHook(IEnumerable<string> changed, List<Problem> errors)
    {
        var files = new List<PolicyFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in changed)
        {
            if (!File.Exists(path))
            {
                errors.Add(Problem.Input(path, "no such file"));
                continue;
            }
            if (IsYaml(path))
            {
                if (seen.Add(Path.GetFullPath(path))) files.Add(new PolicyFile(path, false));
                continue;
            }
            if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) continue;
            string dir = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
            if (!folders.Add(Path.GetFullPath(dir))) continue;
            string[] siblings;
            try
            {
                siblings = Directory.GetFiles(dir, "*.json");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                errors.Add(Problem.Input(dir, "cannot read folder: " + ex.Message));
                continue;
            }
            Array.Sort(siblings, StringComparer.Ordinal);
            foreach (var f in siblings)
            {
                string shown = dir == "." ? Path.GetFileName(f) : f;
                if (NamesNoIam(f)) continue;
                if (seen.Add(Path.GetFullPath(f))) files.Add(new PolicyFile(shown, false));
            }
        }
        return files;
    }

    /// <summary>
    /// For the hook: a JSON file that names neither a Statement, template Resources nor a plan's format_version (a
    /// tsconfig.json with comments, a lock file) is not read at all, so that one that does not parse blocks no commit.
    /// A file that cannot be read here is kept: reading it reports why.
    /// </summary>
    private static bool NamesNoIam(string path)
    {
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes) return false;
            string text = File.ReadAllText(path);
            return text.IndexOf("\"statement\"", StringComparison.OrdinalIgnoreCase) < 0
                && text.IndexOf("\"Resources\"", StringComparison.Ordinal) < 0
                && text.IndexOf("\"format_version\"", StringComparison.Ordinal) < 0;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Walk(string dir, List<PolicyFile> files, HashSet<string> seen, List<Problem> errors, int depth)
    {
        var found = new Listing();
        Collect(dir, found, depth, Directory.GetCurrentDirectory(), spread: true);
        found.Into(files, seen, errors);
    }

    /// <summary>What a walk found, in order: files with their full paths, and problems.</summary>
    private sealed class Listing
    {
        public List<(PolicyFile File, string FullPath)> Files { get; } = new List<(PolicyFile, string)>();
        public List<Problem> Errors { get; } = new List<Problem>();

        public void Into(List<PolicyFile> files, HashSet<string> seen, List<Problem> errors)
        {
            foreach (var (file, full) in Files) if (seen.Add(full)) files.Add(file);
            errors.AddRange(Errors);
        }

        public void Add(Listing other)
        {
            Files.AddRange(other.Files);
            Errors.AddRange(other.Errors);
        }
    }

    /// <param name="spread">List the subfolders on every core (each into its own listing, joined in order).</param>
    private static void Collect(string dir, Listing found, int depth, string cwd, bool spread)
    {
        if (depth > 64)
        {
            found.Errors.Add(Problem.Input(dir, "folders nested more than 64 levels deep (a symlink loop?)"));
            return;
        }
        var entries = new List<(string Path, bool Regular)>();
        var subdirs = new List<string>();
        if (UnixFile.List(dir) is { } native)
        {
            // readdir says each entry's type: a file or a folder needs no stat; a link is asked where it points.
            foreach (var (name, type) in native)
            {
                string path = Path.Join(dir, name);
                switch (type)
                {
                    case UnixFile.EntryType.Folder:
                        if (!SkippedFolders.Contains(name)) subdirs.Add(path);
                        break;
                    case UnixFile.EntryType.File:
                        entries.Add((path, true));
                        break;
                    case UnixFile.EntryType.Link:
                    case UnixFile.EntryType.Unknown:
                        var target = UnixFile.TypeOf(path);
                        if (target != UnixFile.EntryType.Folder) entries.Add((path, false));
                        else if (type == UnixFile.EntryType.Unknown && UnixFile.TypeOf(path, followLinks: false) == UnixFile.EntryType.Folder && !SkippedFolders.Contains(name)) subdirs.Add(path);
                        break; // a link to a folder is not followed (loops)
                    default:
                        entries.Add((path, false));
                        break;
                }
            }
        }
        else
        {
            var links = new List<string>();
            try
            {
                // One pass over the folder: whether each entry is a folder comes with it.
                var listing = new System.IO.Enumeration.FileSystemEnumerable<(string Path, bool Folder)>(dir,
                    (ref System.IO.Enumeration.FileSystemEntry e) => (e.ToSpecifiedFullPath(), e.IsDirectory),
                    new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false });
                foreach (var (path, folder) in listing)
                {
                    if (!folder) entries.Add((path, false));
                    else if (!SkippedFolders.Contains(Path.GetFileName(path))) links.Add(path);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                found.Errors.Add(Problem.Input(dir, "cannot read folder: " + ex.Message));
                return;
            }
            // A folder found this way may be a link (not followed: loops).
            foreach (var d in links) if (!IsLink(d)) subdirs.Add(d);
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        subdirs.Sort(StringComparer.Ordinal);
        string? here = null; // the folder of every file here: worked out once
        foreach (var (f, regular) in entries)
        {
            if (!f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !IsYaml(f)) continue;
            // A FIFO or a device found in a folder (itself or behind a link) is never opened: it may never answer.
            if (!regular && UnixFile.Special(f) is { } special)
            {
                found.Errors.Add(Problem.Input(f, $"{special} found in the folder, not a policy file; it is not read"));
                continue;
            }
            string full = Path.GetFullPath(f, cwd);
            here ??= Path.GetDirectoryName(full) ?? ".";
            found.Files.Add((new PolicyFile(f, false, regular, here), full));
        }
        if (spread && subdirs.Count >= 16 && Environment.ProcessorCount > 1)
        {
            var parts = new Listing[subdirs.Count];
            System.Threading.Tasks.Parallel.For(0, subdirs.Count, i =>
            {
                parts[i] = new Listing();
                Collect(subdirs[i], parts[i], depth + 1, cwd, spread: false);
            });
            foreach (var part in parts) found.Add(part);
            return;
        }
        foreach (var d in subdirs) Collect(d, found, depth + 1, cwd, spread);
    }

    private static bool IsLink(string dir)
    {
        try
        {
            return (File.GetAttributes(dir) & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return false; // listing it reports why it cannot be read
        }
    }

    private static void ExpandGlob(string pattern, List<PolicyFile> files, HashSet<string> seen, List<Problem> errors)
    {
        string normalized = pattern.Replace('\\', '/');
        var parts = normalized.Split('/');
        var baseParts = new List<string>();
        foreach (var p in parts)
        {
            if (p.IndexOfAny(GlobChars) >= 0) break;
            baseParts.Add(p);
        }
        string baseDir = baseParts.Count == 0 ? "." : string.Join("/", baseParts);
        if (baseDir.Length == 0) baseDir = "/";
        if (!Directory.Exists(baseDir)) return;
        var found = new List<PolicyFile>();
        Walk(baseDir, found, new HashSet<string>(StringComparer.Ordinal), errors, 0);
        foreach (var f in found)
        {
            string candidate = f.Path.Replace('\\', '/');
            if (baseDir == "." && candidate.StartsWith("./", StringComparison.Ordinal)) candidate = candidate.Substring(2);
            if (Wildcard.MatchPath(normalized, candidate) && seen.Add(Path.GetFullPath(f.Path))) files.Add(new PolicyFile(f.Path, true));
        }
    }

    /// <summary>YAML files are read as CloudFormation templates.</summary>
    public static bool IsYaml(string path) => RoleReader.IsYaml(path);

    /// <summary>How long opening a file may take: a FIFO without a writer, or a device, never opens.</summary>
    public static readonly TimeSpan OpenDeadline = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Opens a file for reading on a thread of its own (not the thread pool, which a busy run may starve), or null when
    /// it has not opened within <see cref="OpenDeadline"/>: a FIFO without a writer. The waiting thread is a background one.
    /// </summary>
    private static FileStream Open(string path, int bufferSize = 4096) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize, FileOptions.SequentialScan);

    public static FileStream? OpenWithin(string path)
    {
        FileStream? stream = null;
        Exception? failure = null;
        var opener = new System.Threading.Thread(() =>
        {
            try { stream = Open(path); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { failure = ex; }
        }) { IsBackground = true, Name = "open " + System.IO.Path.GetFileName(path) };
        opener.Start();
        if (!opener.Join(OpenDeadline)) return null;
        if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return stream;
    }

    /// <summary>
    /// Reads a file within the size limit, counting what is read (a device such as /dev/zero reports no length and never
    /// ends), and opening it within <see cref="OpenDeadline"/>; null with an error when it cannot be used.
    /// </summary>
    /// <param name="regular">A folder listing found a regular file there: read with one call when it is small.</param>
    public static byte[]? ReadBytes(string path, List<Problem> errors, bool regular = false)
    {
        if (regular && UnixFile.ReadSmall(path) is { } small) return small;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                errors.Add(Problem.Input(path, $"the file has {length:N0} bytes; policy files larger than {MaxFileBytes / (1024 * 1024)} MiB are not read (no IAM policy is that large)"));
                return null;
            }
            // A FIFO or a device reports no length: only those can block the open. A regular file opens directly.
            var opened = length > 0 ? Open(path, bufferSize: 1) : OpenWithin(path);
            if (opened == null)
            {
                errors.Add(Problem.Input(path, $"the file did not open within {OpenDeadline.TotalSeconds:0} s: a FIFO or a device, not a policy file"));
                return null;
            }
            using var stream = opened;
            // A file of known length is read into one array of that length; what follows (it grew) or what has no length goes through a buffer.
            byte[] first = new byte[length > 0 ? length : 0];
            int got = 0, n;
            while (got < first.Length && (n = stream.Read(first, got, first.Length - got)) > 0) got += n;
            if (got < first.Length) return first.AsSpan(0, got).ToArray();
            Span<byte> probe = stackalloc byte[1];
            if (first.Length > 0 && stream.Read(probe) == 0) return first;
            using var buffer = new MemoryStream();
            buffer.Write(first, 0, first.Length);
            if (first.Length > 0) buffer.WriteByte(probe[0]);
            var chunk = new byte[81920];
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > MaxFileBytes)
                {
                    errors.Add(Problem.Input(path, $"more than {MaxFileBytes / (1024 * 1024)} MiB can be read from it (a device or an endless stream?); policy files that large are not read"));
                    return null;
                }
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            errors.Add(Problem.Input(path, "cannot read file: " + ex.Message));
            return null;
        }
    }
}
