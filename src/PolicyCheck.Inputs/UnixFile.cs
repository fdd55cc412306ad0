using System;
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
        return (s.Mode & 0xF000) switch
        {
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
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

    private static byte[] CString(string s) => Encoding.UTF8.GetBytes(s + "\0");

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(byte[] path, uint owner, uint group);
}
