using System;
using System.Linq;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.RegularExpressions;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;

namespace PolicyCheck.Cli;

/// <summary>`policycheck init`: writes a correct permission policy, trust policy, CloudFormation and Terraform snippets.</summary>
public static class InitCommand
{
    private static readonly char[] FeatureSeparators = { ',', ' ' };

    public static Command Create(TextWriter stdout, TextWriter stderr, TextReader stdin, Func<string, string?> environment)
    {
        var deployment = new Option<string>("--deployment") { Description = "hosted (Portkey's cloud) or self-hosted.", DefaultValueFactory = _ => "hosted" };
        deployment.AcceptOnlyFromAmong("hosted", "self-hosted");
        var principal = new Option<string?>("--principal") { Description = "The gateway's role ARN (self-hosted only)." };
        var features = new Option<string?>("--features") { Description = "Comma-separated: inference, count_tokens, batches, files, models." };
        var region = new Option<string?>("--region") { Description = "The workspace's region." };
        var account = new Option<string?>("--account") { Description = "The 12-digit AWS account that owns the workspace and the role." };
        var workspace = new Option<string?>("--workspace") { Description = "The workspace ID (wrkspc_…)." };
        var externalId = new Option<string?>("--external-id") { Description = "The external ID to require (default: a new random one, written only into trust-policy.json)." };
        var output = new Option<string?>("--out") { Description = "Folder to write into (default: the current folder)." };
        var force = new Option<bool>("--force") { Description = "Overwrite files that exist." };
        var command = new Command("init", "Write the policies for a Portkey → Claude Platform on AWS role: permission and trust policy, CloudFormation and Terraform snippets, policycheck.yml. Asks for what is missing in a terminal; fails with a clear message otherwise.")
        {
            deployment, principal, features, region, account, workspace, externalId, output, force,
        };
        command.SetAction(parse => Run(parse.GetValue(deployment) ?? "hosted", parse.GetValue(principal), parse.GetValue(features), parse.GetValue(region),
            parse.GetValue(account), parse.GetValue(workspace), parse.GetValue(externalId), parse.GetValue(output) ?? ".", parse.GetValue(force),
            stdout, stderr, stdin, environment));
        return command;
    }

    private static int Run(string deployment, string? principal, string? features, string? region, string? account, string? workspace, string? externalId,
        string outDir, bool force, TextWriter stdout, TextWriter stderr, TextReader stdin, Func<string, string?> env)
    {
        var facts = BuiltIn.Service;
        bool interactive = !Console.IsInputRedirected || env("POLICYCHECK_INTERACTIVE") == "1";
        string? Ask(string? value, string question)
        {
            if (!string.IsNullOrWhiteSpace(value) || !interactive) return value;
            stderr.Write(question + ": ");
            stderr.Flush();
            return stdin.ReadLine()?.Trim();
        }
        var r = new ScaffoldRequest { SelfHosted = deployment == "self-hosted" };
        if (r.SelfHosted) principal = Ask(principal, "Gateway role ARN (the principal the self-hosted gateway runs as)");
        features = Ask(features, "Features (inference, count_tokens, batches, files, models)") ?? string.Join(",", facts.DefaultFeatures);
        region = Ask(region, "Region of the workspace (e.g. us-west-2)");
        account = Ask(account, "AWS account ID (12 digits)");
        workspace = Ask(workspace, "Workspace ID (wrkspc_…)");

        var problems = new List<string>();
        if (r.SelfHosted)
        {
            var p = principal != null ? Arn.TryParse(principal) : null;
            if (p == null || p.Service != "iam" || !Arn.IsAccountId(p.Account)) problems.Add("--principal: a self-hosted gateway needs its role ARN (arn:aws:iam::123456789012:role/NAME)");
            r.Principal = principal;
        }
        else if (principal != null && principal != facts.Portkey.HostedPrincipal)
        {
            problems.Add($"--principal is for self-hosted gateways; hosted Portkey is always {facts.Portkey.HostedPrincipal}");
        }
        foreach (var f in features.Split(FeatureSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (facts.FindFeature(f) == null) problems.Add($"--features: '{f}' is not a feature (inference, count_tokens, batches, files, models)");
            else if (!r.Features.Contains(f)) r.Features.Add(f);
        }
        if (r.Features.Count == 0) problems.Add("--features: name at least one feature");
        if (region == null) problems.Add("--region is required (the workspace's region)");
        else if (!facts.Regions.Contains(region)) problems.Add($"--region: '{region}' is not an AWS commercial region");
        if (account == null) problems.Add("--account is required (12 digits)");
        else if (!Arn.IsAccountId(account)) problems.Add($"--account: '{account}' is not a 12-digit account ID");
        if (workspace == null) problems.Add("--workspace is required (wrkspc_…)");
        else if (!Regex.IsMatch(workspace, facts.WorkspaceIdPattern)) problems.Add($"--workspace: '{workspace}' is not a workspace ID (wrkspc_ followed by letters and digits)");
        if (externalId != null && (externalId.Length < facts.Portkey.ExternalIdMinLength || externalId.Length > facts.Portkey.ExternalIdMaxLength || !Regex.IsMatch(externalId, facts.Portkey.ExternalIdPattern)))
            problems.Add("--external-id: 2 to 1224 characters of letters, digits and +=,.@:/-");
        if (problems.Count > 0)
        {
            foreach (var p in problems) stderr.WriteLine("policycheck: error: " + p);
            if (!interactive) stderr.WriteLine("policycheck: not run in a terminal, so nothing was asked; pass the values as flags");
            return Program.ExitUsage;
        }
        r.Region = region!;
        r.Account = account!;
        r.Workspace = workspace!;
        r.ExternalId = externalId;

        var files = Scaffold.Files(r, facts);
        var existing = new List<string>();
        foreach (var name in files.Keys)
        {
            if (File.Exists(Path.Combine(outDir, name))) existing.Add(Path.Combine(outDir, name));
        }
        if (existing.Count > 0 && !force)
        {
            stderr.WriteLine($"policycheck: error: would overwrite {string.Join(", ", existing)}; nothing was written (use --force to overwrite)");
            return Program.ExitUsage;
        }
        try
        {
            foreach (var (name, content) in files) AtomicFile.WriteAllText(Path.Combine(outDir, name), content);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            stderr.WriteLine($"policycheck: error: cannot write into {outDir}: {ex.Message}");
            return Program.ExitUsage;
        }
        foreach (var name in files.Keys) stdout.WriteLine("wrote " + Path.Combine(outDir, name));
        stdout.WriteLine(externalId == null
            ? "A new external ID is in trust-policy.json: enter the same value in Portkey's integration (it is not printed here)."
            : "Enter the same external ID in Portkey's integration.");
        stdout.WriteLine($"Check them: policycheck lint {outDir}");
        return Program.ExitClean;
    }
}
