using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace PolicyCheck.Inputs;

/// <summary>What .NET does not say about a file on Linux (statx): its type and owner; null elsewhere or on failure.</summary>
public static class UnixFile
{
    /// <summary>"a FIFO (named pipe)", "a character device", "a block device", "a socket"; null for a regular file, a folder or when unknown.</summary>
    public static string? Special(string path) => Special(path, out _);

    /// <summary>The same, with the file's size in bytes (-1 when unknown).</summary>
    public static string? Special(string path, out long size)
    {
        size = -1;
        if (Stat(path) is not { } s) return null;
        size = (long)s.Size;
        return Describe((EntryType)((s.Mode & 0xF000) >> 12));
    }

    public static (uint Uid, uint Gid)? Owner(string path) => Stat(path) is { } s ? ((uint, uint)?)(s.Uid, s.Gid) : null;

    /// <summary>Gives the file to <paramref name="owner"/>; false without the privilege (the file stays the writer's).</summary>
    public static bool SetOwner(string path, (uint Uid, uint Gid) owner)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return chown(CString(path), owner.Uid, owner.Gid) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>statx, following symlinks: stx_uid at byte 20, stx_gid at 24, stx_mode at 28, stx_size at 40 (a fixed layout on every Linux).</summary>
    private static (uint Uid, uint Gid, ushort Mode, ulong Size)? Stat(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var buffer = new byte[256];
            const int AtFdCwd = -100, StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8, StatxGid = 0x10, StatxSize = 0x200;
            if (statx(AtFdCwd, CString(path), 0, StatxType | StatxMode | StatxUid | StatxGid | StatxSize, buffer) != 0) return null;
            return (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24), BitConverter.ToUInt16(buffer, 28), BitConverter.ToUInt64(buffer, 40));
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A folder entry's type as the listing (readdir's d_type) reports it, without a stat.</summary>
    public enum EntryType : byte
    {
        Unknown = 0,
        Fifo = 1,
        CharDevice = 2,
        Folder = 4,
        BlockDevice = 6,
        File = 8,
        Link = 10,
        Socket = 12,
    }

    /// <summary>Where readdir and open behave as below: Linux on x64 or arm64 (struct dirent: d_type at byte 18, d_name at 19).</summary>
    private static readonly bool Native = OperatingSystem.IsLinux()
        && (RuntimeInformation.ProcessArchitecture == Architecture.X64 || RuntimeInformation.ProcessArchitecture == Architecture.Arm64);

    /// <summary>
    /// A folder's entries (not "." and "..") with their types, from one readdir pass: no stat per entry; null elsewhere
    /// or when the folder cannot be opened (listing it the .NET way then says why).
    /// </summary>
    public static List<(string Name, EntryType Type)>? List(string dir)
    {
        if (!Native) return null;
        try
        {
            IntPtr handle = opendir(ref PathBytes(dir));
            if (handle == IntPtr.Zero) return null;
            try
            {
                var entries = new List<(string, EntryType)>();
                IntPtr entry;
                while ((entry = readdir(handle)) != IntPtr.Zero)
                {
                    if (IsDots(entry + 19)) continue;
                    string? name = Marshal.PtrToStringUTF8(entry + 19);
                    if (name == null) continue;
                    entries.Add((name, (EntryType)Marshal.ReadByte(entry, 18)));
                }
                return entries;
            }
            finally
            {
                _ = closedir(handle); // a read-only handle: nothing is lost if closing fails
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The type of what a path names, following links (Link is never returned), or Unknown when it cannot be asked.</summary>
    public static EntryType TypeOf(string path, bool followLinks = true)
    {
        if (!Native) return EntryType.Unknown;
        try
        {
            var buffer = new byte[256];
            const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, StatxType = 0x1;
            if (statx(AtFdCwd, CString(path), followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0) return EntryType.Unknown;
            return (EntryType)((BitConverter.ToUInt16(buffer, 28) & 0xF000) >> 12);
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
        {
            return EntryType.Unknown;
        }
    }

    /// <summary>The description <see cref="Special(string)"/> gives a type that is no regular file or folder.</summary>
    public static string? Describe(EntryType type) => type switch
    {
        EntryType.Fifo => "a FIFO (named pipe)",
        EntryType.CharDevice => "a character device",
        EntryType.BlockDevice => "a block device",
        EntryType.Socket => "a socket",
        _ => null,
    };

    /// <summary>The read buffer of each thread: a file shorter than this is read with one read call.</summary>
    [ThreadStatic] private static byte[]? _readBuffer;
    private const int SmallFile = 64 * 1024;

    /// <summary>
    /// A file a listing found regular, read with open, one read and close (non-blocking, so that a FIFO swapped in since
    /// cannot hang it); null when it is not that simple (not Linux, it cannot be opened or read, 64 KiB or more): the
    /// caller reads it the .NET way, which says what is wrong.
    /// </summary>
    public static byte[]? ReadSmall(string path)
    {
        if (!Native) return null;
        try
        {
            const int ReadOnly = 0, NoCtty = 0x100, NonBlock = 0x800, CloseOnExec = 0x80000;
            int fd = open(ref PathBytes(path), ReadOnly | NoCtty | NonBlock | CloseOnExec);
            if (fd < 0) return null;
            try
            {
                var buffer = _readBuffer ??= new byte[SmallFile];
                int got = 0;
                while (got < buffer.Length)
                {
                    nint n = read(fd, ref buffer[got], buffer.Length - got);
                    if (n == 0) return buffer.AsSpan(0, got).ToArray();
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == 4) continue; // EINTR
                        return null;
                    }
                    got += (int)n;
                    if (got < buffer.Length) return buffer.AsSpan(0, got).ToArray(); // a regular file reads short only at its end
                }
                return null;
            }
            finally
            {
                _ = close(fd);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static byte[] CString(string s) => Encoding.UTF8.GetBytes(s + "\0");

    /// <summary>This thread's buffer for a path as C wants it (UTF-8, then NUL): listing and reading make no array per call.</summary>
    [ThreadStatic] private static byte[]? _path;

    private static ref byte PathBytes(string path)
    {
        int most = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        var buffer = _path is { } kept && kept.Length >= most ? kept : _path = new byte[Math.Max(most, 512)];
        int n = Encoding.UTF8.GetBytes(path, 0, path.Length, buffer, 0);
        buffer[n] = 0;
        return ref buffer[0];
    }

    /// <summary>Whether a NUL-terminated name is "." or "..".</summary>
    private static bool IsDots(IntPtr name)
    {
        if (Marshal.ReadByte(name) != (byte)'.') return false;
        byte next = Marshal.ReadByte(name, 1);
        return next == 0 || (next == (byte)'.' && Marshal.ReadByte(name, 2) == 0);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr opendir(ref byte path);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr readdir(IntPtr dir);

    [DllImport("libc")]
    private static extern int closedir(IntPtr dir);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(ref byte path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(byte[] path, uint owner, uint group);
}
