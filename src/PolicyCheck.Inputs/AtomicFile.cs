using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
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
    /// permissions and, where the process may set it (root), its owner. A device (a path under /dev, such as /dev/null
    /// or /dev/stdout) is written into, never replaced. Temporary files are removed on failure, on Ctrl-C and SIGTERM,
    /// and — for one a SIGKILL left behind — by the next write to the same file once it is a minute old.
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
        var owner = File.Exists(full) ? UnixFile.Owner(full) : null;
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        SweepStale(dir, Path.GetFileName(full));
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        InFlight.Add(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(true);
            }
            if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, m);
            if (owner is { } o && UnixFile.Owner(temp) != o) UnixFile.SetOwner(temp, o);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            Delete(temp);
            throw;
        }
        finally
        {
            InFlight.Remove(temp);
        }
    }

    /// <summary>How old a leftover temporary file must be before a later write removes it (a live writer's is younger).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private static void SweepStale(string dir, string name)
    {
        try
        {
            foreach (var leftover in Directory.EnumerateFiles(dir, "." + name + ".????????.tmp"))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(leftover) > StaleAfter) Delete(leftover);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Delete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Temporary files being written now: removed if the process is stopped (Ctrl-C, SIGTERM, exit).</summary>
    private static class InFlight
    {
        private static readonly HashSet<string> Paths = new HashSet<string>(StringComparer.Ordinal);
        private static readonly List<PosixSignalRegistration> Signals = new List<PosixSignalRegistration>();
        private static bool _hooked;

        public static void Add(string path)
        {
            lock (Paths)
            {
                Paths.Add(path);
                if (_hooked) return;
                _hooked = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Clear();
                foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
                {
                    try
                    {
                        Signals.Add(PosixSignalRegistration.Create(signal, _ => Clear()));
                    }
                    catch (PlatformNotSupportedException)
                    {
                    }
                }
            }
        }

        public static void Remove(string path)
        {
            lock (Paths) Paths.Remove(path);
        }

        private static void Clear()
        {
            lock (Paths)
            {
                foreach (var p in Paths) Delete(p);
                Paths.Clear();
            }
        }
    }
}
