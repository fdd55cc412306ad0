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
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
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
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
