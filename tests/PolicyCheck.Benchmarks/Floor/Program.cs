using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace PolicyCheck.Floor;

/// <summary>
/// floor batch FILE: parses each JSON line, nothing more. floor files DIR: reads and parses every *.json under DIR (files-parallel DIR: on every core).
/// floor generate batch N FILE | floor generate policies N DIR: the inputs tools/speed.sh measures.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "batch") return Batch(args[1]);
        if (args.Length == 2 && args[0] == "files") return Files(args[1]);
        if (args.Length == 2 && args[0] == "files-parallel") return FilesParallel(args[1]);
        if (args.Length == 4 && args[0] == "generate" && args[1] == "batch") return Generate.Batch(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
        if (args.Length == 4 && args[0] == "generate" && args[1] == "policies") return Generate.Policies(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
        Console.Error.WriteLine("usage: floor batch FILE | floor files DIR | floor files-parallel DIR | floor generate batch N FILE | floor generate policies N DIR");
        return 2;
    }

    /// <summary>Every line through Utf8JsonReader, streamed in 64 KiB blocks.</summary>
    private static int Batch(string path)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        byte[] buffer = new byte[1 << 16];
        int start = 0, end = 0;
        long lines = 0, tokens = 0;
        while (true)
        {
            int read = input.Read(buffer, end, buffer.Length - end);
            bool last = read == 0;
            end += read;
            while (true)
            {
                int nl = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (nl < 0)
                {
                    if (!last) break;
                    nl = end;
                }
                if (nl > start) { tokens += Tokens(buffer.AsSpan(start, nl - start)); lines++; }
                start = nl + 1;
                if (start >= end) break;
            }
            if (last) break;
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
        Console.WriteLine($"{lines} lines, {tokens} tokens");
        return 0;
    }

    private static int Files(string dir)
    {
        long files = 0, tokens = 0;
        foreach (var f in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories))
        {
            tokens += Tokens(File.ReadAllBytes(f));
            files++;
        }
        Console.WriteLine($"{files} files, {tokens} tokens");
        return 0;
    }

    /// <summary>
    /// The same files listed and parsed on every core (each subfolder listed on its own, then 16 files per work item):
    /// what a second core can gain for reading and parsing them on this machine, the ceiling of lint's scaling.
    /// </summary>
    private static int FilesParallel(string dir)
    {
        var top = Directory.GetDirectories(dir);
        var lists = new string[top.Length + 1][];
        lists[top.Length] = Directory.GetFiles(dir, "*.json");
        System.Threading.Tasks.Parallel.For(0, top.Length, i => lists[i] = Directory.GetFiles(top[i], "*.json", SearchOption.AllDirectories));
        var all = new List<string>();
        foreach (var l in lists) all.AddRange(l);
        long tokens = 0;
        System.Threading.Tasks.Parallel.For(0, (all.Count + 15) / 16, () => 0L, (chunk, _, sum) =>
        {
            for (int i = chunk * 16; i < Math.Min(all.Count, chunk * 16 + 16); i++) sum += Tokens(File.ReadAllBytes(all[i]));
            return sum;
        }, sum => System.Threading.Interlocked.Add(ref tokens, sum));
        Console.WriteLine($"{all.Count} files, {tokens} tokens");
        return 0;
    }

    private static long Tokens(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        long n = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.PropertyName) _ = reader.GetString();
            n++;
        }
        return n;
    }
}

/// <summary>Generated inputs: runs of batch lines sharing their policies, and role folders of permission + trust policies.</summary>
public static class Generate
{
    private static readonly string[] Actions = { "CreateInference", "CountTokens", "CreateBatchInference", "GetBatchInference", "ListFiles", "GetModel", "DeleteFile" };

    private static string Permission(int k)
    {
        var sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        sb.Append("{\"Sid\":\"Inference\",\"Effect\":\"Allow\",\"Action\":[\"aws-external-anthropic:CreateInference\",\"aws-external-anthropic:CountTokens\"],\"Resource\":\"arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_").Append(k).Append("\"},");
        sb.Append("{\"Sid\":\"Batches\",\"Effect\":\"Allow\",\"Action\":\"aws-external-anthropic:*BatchInference*\",\"Resource\":\"arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_").Append(k).Append("\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/16\",\"192.0.2.0/24\"]}}},");
        sb.Append("{\"Sid\":\"Models\",\"Effect\":\"Allow\",\"Action\":[\"aws-external-anthropic:GetModel\",\"aws-external-anthropic:ListModels\"],\"Resource\":\"*\"},");
        sb.Append("{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"aws-external-anthropic:Delete*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalTag/team\":\"ml-platform\"}}}");
        return sb.Append("]}").ToString();
    }

    private static string Trust(int k)
        => "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::299329113195:role/portkey-app\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"tenant-" + k + "-9f1c2e7a\"}}}]}";

    /// <summary>N lines; 50 consecutive lines share one role's policies, as a suite of one role's cases does.</summary>
    public static int Batch(int lines, string path)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (int i = 0; i < lines; i++)
        {
            int k = i / 50 % 400;
            string action = Actions[i % Actions.Length];
            w.Write("{\"id\":\"case-");
            w.Write(i);
            w.Write("\",\"policies\":[");
            w.Write(Permission(k));
            w.Write("],\"resourcePolicy\":null,\"action\":\"aws-external-anthropic:");
            w.Write(action);
            w.Write("\",\"resource\":\"arn:aws:aws-external-anthropic:us-west-2:123456789012:workspace/wrkspc_");
            w.Write(i % 7 == 0 ? k + 1 : k);
            w.Write("\",\"principal\":\"arn:aws:iam::123456789012:role/portkey-");
            w.Write(k);
            w.Write("\",\"context\":{\"aws:SourceIp\":\"10.0.");
            w.Write(i % 256);
            w.Write(".7\",\"aws:PrincipalTag/team\":\"");
            w.Write(i % 3 == 0 ? "ml-platform" : "research");
            w.Write("\",\"aws:SecureTransport\":\"true\"}}\n");
        }
        return 0;
    }

    /// <summary>N policies: N/2 role folders, each a permission policy and a Portkey trust policy.</summary>
    public static int Policies(int count, string dir)
    {
        for (int k = 0; k < count / 2; k++)
        {
            string role = Path.Combine(dir, "role-" + k.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(role);
            File.WriteAllText(Path.Combine(role, "permission.json"), Permission(k));
            File.WriteAllText(Path.Combine(role, "trust.json"), Trust(k));
        }
        return 0;
    }
}
