using System;
using System.Diagnostics;
using System.IO;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Inputs.Diff;

namespace PolicyCheck.Benchmarks;

/// <summary>`policycheck diff` on a 100-role repository against itself with 5 roles changed (target: ≤ 2 s whole process, warm).</summary>
public static class DiffRepository
{
    public const int Roles = 100;

    /// <summary>BASE and HEAD folders of <see cref="Roles"/> roles each; HEAD changes five of them, one way each.</summary>
    public static (string Base, string Head) Create(string root)
    {
        for (int i = 0; i < Roles; i++)
        {
            string name = $"role-{i:D3}";
            string permission = Permission(i, "arn:aws:s3:::logs/" + name + "/*", "s3:Get*", deny: false);
            string trust = Trust(i, "StringEquals", principal: null);
            Write(root, "base", name, permission, trust);
            switch (i)
            {
                case 7: permission = Permission(i, "arn:aws:s3:::logs/*", "s3:Get*", deny: false); break;
                case 23: permission = Permission(i, "arn:aws:s3:::logs/" + name + "/*", "s3:*Object", deny: false); break;
                case 41: trust = Trust(i, "StringEquals", principal: "arn:aws:iam::444455556666:root"); break;
                case 64: permission = Permission(i, "arn:aws:s3:::logs/" + name + "/*", "s3:Get*", deny: true); break;
                case 88: trust = Trust(i, "StringLike", principal: null).Replace("-9f1c2e7a\"", "-*\""); break;
            }
            Write(root, "head", name, permission, trust);
        }
        return (Path.Combine(root, "base"), Path.Combine(root, "head"));
    }

    private static void Write(string root, string side, string name, string permission, string trust)
    {
        string dir = Path.Combine(root, side, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "permission.json"), permission);
        File.WriteAllText(Path.Combine(dir, "trust.json"), trust);
    }

    private static string Permission(int i, string logs, string logActions, bool deny)
        => "{\"Version\": \"2012-10-17\", \"Statement\": [" +
           "{\"Sid\": \"Inference\", \"Effect\": \"Allow\", \"Action\": [\"aws-external-anthropic:CreateInference\", \"aws-external-anthropic:CountTokens\"], " +
           $"\"Resource\": \"arn:aws:aws-external-anthropic:us-east-1:111122223333:workspace/wrkspc_{i:D3}\"}}, " +
           $"{{\"Sid\": \"Logs\", \"Effect\": \"Allow\", \"Action\": \"{logActions}\", \"Resource\": \"{logs}\"}}" +
           (deny ? ", {\"Sid\": \"NoInference\", \"Effect\": \"Deny\", \"Action\": \"aws-external-anthropic:CreateInference\", \"Resource\": \"*\"}" : string.Empty) +
           "]}";

    private static string Trust(int i, string op, string? principal)
        => "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": " +
           (principal == null ? "\"arn:aws:iam::299329113195:role/portkey-app\"" : $"[\"arn:aws:iam::299329113195:role/portkey-app\", \"{principal}\"]") +
           $"}}, \"Action\": \"sts:AssumeRole\", \"Condition\": {{\"{op}\": {{\"sts:ExternalId\": \"tenant-{i:D3}-9f1c2e7a\"}}}}}}]}}";

    /// <summary>Stopwatch figures for CI logs: in-process (first and warm) and, when the CLI is built, the whole process.</summary>
    public static void Quick()
    {
        string root = Path.Combine(Path.GetTempPath(), "policycheck-diff-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        try
        {
            var (@base, head) = Create(root);
            var aws = EmbeddedCatalog.Load();
            double first = 0, best = double.MaxValue;
            DiffReport? report = null;
            for (int run = 0; run < 4; run++)
            {
                var request = new DiffRequest();
                request.BasePaths.Add(@base);
                request.HeadPaths.Add(head);
                var sw = Stopwatch.StartNew();
                report = DiffRunner.Run(request, BuiltIn.Service, BuiltIn.Catalog, aws);
                double s = sw.Elapsed.TotalSeconds;
                if (run == 0) first = s;
                else best = Math.Min(best, s);
            }
            Console.WriteLine($"diff, {Roles} roles, 5 changed, in process: {best * 1000:N0} ms warm ({first * 1000:N0} ms first), " +
                $"{report!.Report.Diagnostics.Count} findings ({string.Join(", ", System.Linq.Enumerable.Select(System.Linq.Enumerable.GroupBy(report.Report.Diagnostics, d => d.RuleId), g => g.Key + " x" + System.Linq.Enumerable.Count(g)))}), {report.RolesChanged} roles changed, {report.Evaluations:N0} evaluations, {report.Expansions} distinct action patterns expanded once each");
            string cli = Path.Combine(AppContext.BaseDirectory, "policycheck.dll");
            if (!File.Exists(cli))
            {
                Console.WriteLine("diff, whole process: policycheck.dll not beside the benchmarks; skipped");
                return;
            }
            double whole = double.MaxValue;
            int exit = -1;
            for (int run = 0; run < 3; run++)
            {
                var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { cli, "diff", @base, head, "--quiet" }) info.ArgumentList.Add(a);
                var sw = Stopwatch.StartNew();
                using var p = Process.Start(info)!;
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                whole = Math.Min(whole, sw.Elapsed.TotalSeconds);
                exit = p.ExitCode;
            }
            Console.WriteLine($"diff, {Roles} roles, 5 changed, whole process (dotnet policycheck.dll diff): {whole * 1000:N0} ms warm, best of 3, exit {exit} (target <= 2,000 ms)");
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }
}
