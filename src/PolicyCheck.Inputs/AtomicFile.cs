using System;
using System.IO;
using System.Text;

namespace PolicyCheck.Inputs;

/// <summary>Writes files so that a reader sees the old content or the new, never half of either.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
        => Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(content);
            stream.Write(bytes, 0, bytes.Length);
        });

    /// <summary>Writes through <paramref name="write"/> into a temporary file beside the target, then renames it over the target. If anything fails, the target is untouched and the temporary file is removed.</summary>
    /// <remarks>
    /// A symlink is written through: its final target gets the new content and the link stays. The target keeps its
    /// permissions. A device (a path under /dev, such as /dev/null or /dev/stdout) is written into, never replaced.
    /// </remarks>
    public static void Write(string path, Action<Stream> write)
    {
        if (path.Length == 0) throw new IOException("no file name given");
        string full = Path.GetFullPath(path);
        if (File.Exists(full) && new FileInfo(full).LinkTarget != null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target)
        {
            full = target.FullName;
        }
        if (Directory.Exists(full)) throw new IOException("it is a folder");
        if (!OperatingSystem.IsWindows() && full.StartsWith("/dev/", StringComparison.Ordinal))
        {
            using var device = new FileStream(full, FileMode.Open, FileAccess.Write);
            write(device);
            return;
        }
        UnixFileMode? mode = !OperatingSystem.IsWindows() && File.Exists(full) ? File.GetUnixFileMode(full) : null;
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(true);
            }
            if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, m);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
