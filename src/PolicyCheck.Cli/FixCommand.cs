using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PolicyCheck.Engine;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli;

/// <summary>
/// lint --fix: applies the edits findings carry (unambiguous ones only) to JSON policies and CloudFormation templates.
/// Only the characters of the edit change, so formatting, key order and YAML comments stay. Writes atomically;
/// with --dry-run prints a unified diff and writes nothing.
/// </summary>
public static class FixCommand
{
    /// <param name="diff">Where --dry-run writes the diff.</param>
    public static int Apply(LintReport report, bool dryRun, LintRequest request, TextWriter diff, TextWriter stderr)
    {
        var byFile = new SortedDictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        int skipped = 0;
        foreach (var d in report.Diagnostics)
        {
            if (d.Edit == null || d.IsSuppressed) continue;
            if (!report.FixablePaths.Contains(d.Path))
            {
                skipped++;
                // Generated files are not edited: say where the change belongs (the construct or resource, by its path).
                if (report.Generated.TryGetValue(d.Path, out var what))
                    stderr.WriteLine($"{d.Path}({d.Span.Line},{d.Span.Column}): not fixed: {what}; make the change in the source of {d.Label ?? "this resource"}: {d.Fix}");
                continue;
            }
            if (!byFile.TryGetValue(d.Path, out var list)) byFile[d.Path] = list = new List<Diagnostic>();
            list.Add(d);
        }
        int fixedCount = 0, files = 0;
        foreach (var entry in byFile)
        {
            string real = entry.Key;
            byte[] bytes;
            try
            {
                bytes = request.Overrides.TryGetValue(real, out var given) ? given : File.ReadAllBytes(real);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                stderr.WriteLine($"{entry.Key}: error: cannot read the file to fix it: {ex.Message}");
                return 2;
            }
            bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            }
            catch (DecoderFallbackException)
            {
                continue; // not UTF-8 (UTF-16 files are read but not rewritten)
            }
            string fixedText = Edit(text, entry.Value, out int applied);
            if (applied == 0) continue;
            fixedCount += applied;
            files++;
            var encoded = new UTF8Encoding(false).GetBytes(fixedText);
            var output = new byte[encoded.Length + (bom ? 3 : 0)];
            if (bom) { output[0] = 0xEF; output[1] = 0xBB; output[2] = 0xBF; }
            Buffer.BlockCopy(encoded, 0, output, bom ? 3 : 0, encoded.Length);
            if (dryRun)
            {
                diff.Write(Diff(Path.GetRelativePath(Directory.GetCurrentDirectory(), entry.Key).Replace('\\', '/'), text, fixedText));
                request.Overrides[real] = output;
                continue;
            }
            try
            {
                AtomicFile.Write(real, s => s.Write(output, 0, output.Length));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                stderr.WriteLine($"{entry.Key}: error: cannot write the fixed file: {ex.Message}");
                return 2;
            }
            stderr.WriteLine($"policycheck: fixed {applied} problem(s) in {entry.Key}");
        }
        string verb = dryRun ? "would fix" : "fixed";
        stderr.WriteLine($"policycheck: {verb} {fixedCount} problem(s) in {files} file(s){(skipped > 0 ? $"; {skipped} fix(es) are in generated files (CDK assemblies, Terraform plans), which --fix does not change" : string.Empty)}; linting again");
        return 0;
    }

    /// <summary>Applies each finding's edit inside its span, from the end of the file back; overlapping or unclear edits are left.</summary>
    public static string Edit(string text, IReadOnlyList<Diagnostic> findings, out int applied)
    {
        var edits = new List<(int Start, int Length, string New)>();
        foreach (var d in findings)
        {
            var e = d.Edit!;
            if (e.Old.Length == 0) continue;
            int from = d.Span.Start, to = Math.Min(text.Length, d.Span.Start + d.Span.Length);
            if (from < 0 || from >= to) continue;
            int at = text.IndexOf(e.Old, from, to - from, StringComparison.Ordinal);
            if (at < 0 || text.IndexOf(e.Old, at + 1, to - at - 1, StringComparison.Ordinal) >= 0) continue; // not there, or twice: not unambiguous
            if (!edits.Exists(x => x.Start == at && x.Length == e.Old.Length)) edits.Add((at, e.Old.Length, e.New));
        }
        edits.Sort((a, b) => b.Start.CompareTo(a.Start));
        var sb = new StringBuilder(text);
        applied = 0;
        int limit = int.MaxValue;
        foreach (var (start, length, replacement) in edits)
        {
            if (start + length > limit) continue; // overlaps an edit already made
            sb.Remove(start, length).Insert(start, replacement);
            limit = start;
            applied++;
        }
        return sb.ToString();
    }

    /// <summary>The lines of a text; a final line break ends the last line rather than starting an empty one.</summary>
    private static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        return text.EndsWith("\n", StringComparison.Ordinal) ? lines[..^1] : lines;
    }

    /// <summary>A unified diff (three lines of context) between two versions of a file with the same line count.</summary>
    public static string Diff(string path, string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var sb = new StringBuilder();
        sb.Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');
        int n = Math.Min(a.Length, b.Length);
        int i = 0;
        while (i < n)
        {
            if (a[i] == b[i]) { i++; continue; }
            int start = Math.Max(0, i - 3);
            int end = i;
            // extend the hunk while changes are within 6 lines of each other
            int j = i;
            while (j < n)
            {
                if (a[j] != b[j]) end = j;
                else if (j - end > 6) break;
                j++;
            }
            int stop = Math.Min(n - 1, end + 3);
            int count = stop - start + 1;
            sb.Append($"@@ -{start + 1},{count} +{start + 1},{count} @@\n");
            for (int k = start; k <= stop; k++)
            {
                if (a[k] == b[k])
                {
                    sb.Append(' ').Append(a[k].TrimEnd('\r')).Append('\n');
                    continue;
                }
                int run = k;
                while (run + 1 <= stop && a[run + 1] != b[run + 1]) run++;
                for (int m = k; m <= run; m++) sb.Append('-').Append(a[m].TrimEnd('\r')).Append('\n');
                for (int m = k; m <= run; m++) sb.Append('+').Append(b[m].TrimEnd('\r')).Append('\n');
                k = run;
            }
            i = stop + 1;
        }
        return sb.ToString();
    }
}
