using System;
using System.IO;
using System.Linq;
using System.Text;
using PolicyCheck.Cli.Output;
using PolicyCheck.Secrets;
using Xunit;

namespace PolicyCheck.Tests.Cli;

/// <summary>How a UTF-8 report document (SARIF, JSON) reaches the output: through the mask, as bytes where it changes nothing.</summary>
public sealed class FormattersTests
{
    /// <summary>A document of many 64 KiB blocks: lines of every length (one longer than a block), non-ASCII text, and secrets in a few.</summary>
    private static string Document(int seed, params string[] secrets)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (int i = 0; i < 6000; i++)
        {
            sb.Append("  \"line ").Append(i).Append("\": \"");
            sb.Append('x', random.Next(0, 90));
            if (i % 1000 == 7) sb.Append("ünïcödé ✓");
            if (secrets.Length > 0 && i % 1500 == 3) sb.Append(secrets[i / 1500 % secrets.Length]);
            if (i == 2500) sb.Append('y', 70_000);
            sb.Append("\",\n");
        }
        sb.Append("  \"aws_session_token\": \"FwoGZXIvYXdzEBYaD\"\n}");
        return sb.ToString();
    }

    /// <summary>The reference: the same text written through the masking writer as text.</summary>
    private static string AsText(string document, SecretMask mask)
    {
        var inner = new StringWriter { NewLine = "\n" };
        var masking = new MaskingWriter(inner, mask);
        masking.Write(document);
        masking.WriteLine();
        masking.Flush();
        return inner.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void WriteDocument_WritesWhatTheMaskingWriterWritesForTheText(int seed)
    {
        var mask = new SecretMask();
        mask.AddAll(Enumerable.Range(0, 3000).Select(i => $"tenant-{i}-9f1c2e7a").ToList());
        mask.Add("ab");
        // A secret across the 64 KiB mark (and a character of three bytes on it) in one long line of a document.
        string across = "{\n  \"a\": \"" + new string('x', 65536 - 12 - 5) + "tenant-7-9f1c2e7a ✓✓✓ " + new string('z', 70_000) + "\"\n}";
        foreach (var document in new[] { Document(seed), Document(seed, "tenant-42-9f1c2e7a", " ab ", "dGVuYW50LTQyLTlmMWMyZTdh"), across })
        {
            string expected = AsText(document, mask);
            if (document != across) Assert.DoesNotContain("FwoGZXIvYXdzEBYaD", expected);
            Assert.DoesNotContain("tenant-42-9f1c2e7a", expected);
            Assert.DoesNotContain("tenant-7-9f1c2e7a", expected);

            // Into the CLI's UTF-8 standard output, and into a writer of text.
            var bytes = new MemoryStream();
            var utf8 = new Utf8Output(bytes);
            var masking = new MaskingWriter(utf8, mask);
            Formatters.WriteDocument(Encoding.UTF8.GetBytes(document), masking);
            masking.WriteLine();
            masking.Flush();
            Assert.Equal(expected, Encoding.UTF8.GetString(bytes.ToArray()));

            var text = new StringWriter { NewLine = "\n" };
            var maskingText = new MaskingWriter(text, mask);
            Formatters.WriteDocument(Encoding.UTF8.GetBytes(document), maskingText);
            maskingText.WriteLine();
            maskingText.Flush();
            Assert.Equal(expected, text.ToString());
        }
    }
}
