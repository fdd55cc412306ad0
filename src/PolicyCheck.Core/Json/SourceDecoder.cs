using System.Collections.Generic;
using System.Text;

namespace PolicyCheck.Json;

/// <summary>Turns a file's bytes into text, reporting what is not valid UTF-8 instead of guessing.</summary>
public static class SourceDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

    /// <summary>Decodes <paramref name="bytes"/>. Returns null when the bytes are not text; issues say why and where.</summary>
    public static string? Decode(byte[] bytes, List<Problem> issues)
    {
        int offset = 0;
        Encoding encoding = StrictUtf8;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            offset = 3;
            issues.Add(Problem.Parse(ProblemKind.EncodingNote, "the file starts with a UTF-8 byte order mark; some AWS APIs reject it", SourceSpan.FileStart));
        }
        else if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            offset = 2;
            bool little = bytes[0] == 0xFF;
            encoding = new UnicodeEncoding(!little, false, true);
            issues.Add(Problem.Parse(ProblemKind.EncodingNote, "the file is UTF-16; save policies as UTF-8", SourceSpan.FileStart));
        }

        string text;
        try
        {
            text = encoding.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            int bad = offset + FindInvalidUtf8(bytes, offset);
            string prefix = Encoding.UTF8.GetString(bytes, offset, bad - offset);
            var map = new LineMap(prefix);
            var span = map.Span(prefix.Length, 0);
            string what = ex.BytesUnknown != null && ex.BytesUnknown.Length > 0 ? $" (byte 0x{ex.BytesUnknown[0]:X2})" : string.Empty;
            issues.Add(Problem.Parse(ProblemKind.Encoding, $"the file is not valid UTF-8{what}", span));
            return null;
        }

        int nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var span = new LineMap(text).Span(nul, 1);
            issues.Add(Problem.Parse(ProblemKind.Encoding, "the file contains a NUL character; it is binary, not a policy", span));
            return null;
        }
        return text;
    }

    /// <summary>Offset (from <paramref name="start"/>) of the first byte that breaks UTF-8.</summary>
    private static int FindInvalidUtf8(byte[] b, int start)
    {
        int i = start;
        while (i < b.Length)
        {
            byte c = b[i];
            int need;
            if (c < 0x80) { i++; continue; }
            else if (c >= 0xC2 && c <= 0xDF) need = 1;
            else if (c >= 0xE0 && c <= 0xEF) need = 2;
            else if (c >= 0xF0 && c <= 0xF4) need = 3;
            else return i - start;
            for (int k = 1; k <= need; k++)
            {
                if (i + k >= b.Length || (b[i + k] & 0xC0) != 0x80) return i - start;
            }
            i += need + 1;
        }
        return i - start;
    }
}
