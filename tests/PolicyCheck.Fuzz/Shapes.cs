using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Fuzz;

/// <summary>
/// Generated inputs that mutations rarely build: deep nesting (flow and block, 10² to 10⁶ levels), long scalars, many
/// keys, alias chains, mixed encodings, huge repetitive policies, pathological globs and escaping-sensitive secrets.
/// They join each target's seeds, so the mutator also works from them.
/// </summary>
public static class Shapes
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string DeepFlow(int levels) => new string('[', levels);

    private static string DeepMap(int levels) => string.Concat(Enumerable.Repeat("{a: ", levels));

    private static string DeepBlock(int levels)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < levels; i++) sb.Append(' ', 2 * i).Append("a:\n");
        return sb.ToString();
    }

    private static string AliasChain(int levels)
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x]\n");
        for (int i = 1; i < levels; i++) sb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        return sb.ToString();
    }

    private static string ManyKeys(int n) => string.Concat(Enumerable.Range(0, n).Select(i => $"k{i}: v{i}\n"));

    /// <summary>The characters output layers escape differently: JSON (+ as \u002B), URLs (/ =), GitHub (% : ,), lines.</summary>
    public const string TrickySecret = "ext+SECRET/4242=ab:cdef%0A,\u2028x\"y\\z";

    public static List<byte[]> For(string target) => target switch
    {
        "policy" => new List<byte[]>
        {
            Utf8("{\"Statement\":" + DeepFlow(100) + "}"),
            Utf8("{\"Statement\":" + DeepFlow(1_000_000) + "}"),
            Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 100_000))),
            Utf8(Repetitive(20_000, infix: false)),
            Utf8(Repetitive(3_000, infix: true)),
            Utf8("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:" + new string('A', 1_000_000) + "\",\"Resource\":\"*\"}]}"),
            Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"Version\":\"2012-10-17\",\"Statement\":[]}")).ToArray(),
        },
        "config" => new List<byte[]>
        {
            Utf8("gateway:\n  region: " + DeepFlow(1_000_000) + "\n"),
            Utf8("gateway:\n  region: " + DeepMap(100_000) + "\n"),
            Utf8(DeepBlock(2_000)),
            Utf8(AliasChain(12)),
            Utf8("gateway:\n  region: " + new string('x', 1_000_000) + "\n"),
            Utf8("gateway:\n" + ManyKeys(50_000)),
            Utf8("gateway:\n  externalId:\n    value: \"" + TrickySecret.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"\nsuppressions:\n  - rule: PC2008\n    path: \"" + string.Concat(Enumerable.Repeat("**a", 12)) + "**b.json\"\n    justification: glob\n    expires: 2030-01-01\n"),
            Encoding.UTF8.GetPreamble().Concat(Utf8("gateway:\n  region: us-west-2\n\0")).ToArray(),
        },
        "settings" => new List<byte[]>
        {
            Utf8("region: " + DeepFlow(1_000_000) + "\n"),
            Utf8(DeepBlock(2_000)),
            Utf8("externalId: \"" + TrickySecret.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"\nroleArn: arn:aws:iam::123456789012:role/p\n"),
            Utf8(AliasChain(12)),
        },
        "parameters" => new List<byte[]>
        {
            Utf8("Stage: " + DeepFlow(1_000_000) + "\n"),
            Utf8("{\"Parameters\": " + string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "}"),
            Utf8(ManyKeys(50_000)),
        },
        "template" => new List<byte[]>
        {
            Utf8("AWSTemplateFormatVersion: \"2010-09-09\"\nResources: " + DeepFlow(1_000_000) + "\n"),
            Utf8("AWSTemplateFormatVersion: \"2010-09-09\"\n" + AliasChain(12)),
            Utf8("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: p\n          PolicyDocument: !Sub |\n            {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"bedrock:InvokeModel\", \"Resource\": \"arn:aws:aws-external-anthropic:${AWS::Region}:${AWS::AccountId}:workspace/*\"}]}\n"),
        },
        "batch" => new List<byte[]>
        {
            Utf8("{\"policies\":[" + DeepFlow(100_000) + "]}"),
            Utf8("{\"policies\":[" + Repetitive(5_000, infix: false) + "],\"action\":\"s3:Get1\",\"resource\":\"*\"}"),
        },
        "plan" => new List<byte[]>
        {
            Utf8("{\"format_version\":\"1.2\",\"planned_values\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "}"),
            Utf8("{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":[{\"address\":\"aws_iam_role.r\",\"type\":\"aws_iam_role\",\"values\":{\"assume_role_policy\":{\"Statement\":[]}}}]}}}"),
        },
        "folder" => Enumerable.Range(0, 32).Select(pick => new[] { (byte)pick }.Concat(Utf8("{\"Statement\":[]}")).ToArray()).ToList(),
        _ => new List<byte[]>(),
    };

    /// <summary>A policy of n actions with repeats and wildcards (fixed starts, or none: "*x*").</summary>
    private static string Repetitive(int n, bool infix)
    {
        var sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[");
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(',');
            if (infix && i % 2 == 0) sb.Append("\"*x").Append(i).Append("y*\"");
            else if (i % 100 == 99) sb.Append("\"s3:Get").Append(i % 7).Append("*\"");
            else if (i % 10 == 9) sb.Append("\"s3:Get").Append(i - 3).Append('"');
            else sb.Append("\"s3:Get").Append(i).Append('"');
        }
        return sb.Append("],\"Resource\":\"*\"}]}").ToString();
    }

    /// <summary>
    /// A folder walked by lint: the input as a policy beside the special files a pull request can add — a symlink loop,
    /// a dangling link, a link to /dev/zero, a FIFO and a link to a parent folder — chosen by the input's first byte.
    /// </summary>
    public static void Folder(byte[] input)
    {
        string dir = Path.Combine(Path.GetTempPath(), "policycheck-fuzz-" + Environment.ProcessId);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "p.json"), input);
            int pick = input.Length > 0 ? input[0] : 0;
            if (!OperatingSystem.IsWindows())
            {
                if ((pick & 1) != 0)
                {
                    File.CreateSymbolicLink(Path.Combine(dir, "a.json"), Path.Combine(dir, "b.json"));
                    File.CreateSymbolicLink(Path.Combine(dir, "b.json"), Path.Combine(dir, "a.json"));
                }
                if ((pick & 2) != 0) File.CreateSymbolicLink(Path.Combine(dir, "gone.json"), Path.Combine(dir, "nowhere.json"));
                if ((pick & 4) != 0) File.CreateSymbolicLink(Path.Combine(dir, "zero.json"), "/dev/zero");
                if ((pick & 8) != 0 && OperatingSystem.IsLinux()) _ = mkfifo(Encoding.UTF8.GetBytes(Path.Combine(dir, "pipe.json") + "\0"), 0x180);
                if ((pick & 16) != 0) Directory.CreateSymbolicLink(Path.Combine(dir, "up"), dir);
            }
            var request = new LintRequest { Environment = _ => null };
            request.Paths.Add(dir);
            LintRunner.Run(request, BuiltIn.Service, BuiltIn.Catalog);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(byte[] path, uint mode);
}
