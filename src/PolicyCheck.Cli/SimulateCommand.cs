using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Inputs.Simulation;
using PolicyCheck.Model;

namespace PolicyCheck.Cli;

/// <summary>`policycheck simulate`: the local evaluator on given policies and requests.</summary>
public static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var policy = new Option<string[]>("--policy") { Description = "Identity-based policy file(s) of the principal. Without it (and with --trust) the caller's own policies are assumed to allow.", AllowMultipleArgumentsPerToken = true };
        var trust = new Option<string?>("--trust") { Description = "The resource's policy: for sts:AssumeRole, the role's trust policy." };
        var boundary = new Option<string[]>("--boundary") { Description = "Permissions boundary file(s).", AllowMultipleArgumentsPerToken = true };
        var scp = new Option<string[]>("--scp") { Description = "Service control policy file(s).", AllowMultipleArgumentsPerToken = true };
        var rcp = new Option<string[]>("--rcp") { Description = "Resource control policy file(s).", AllowMultipleArgumentsPerToken = true };
        var session = new Option<string?>("--session-policy") { Description = "A session policy file." };
        var action = new Option<string[]>("--action") { Description = "Action(s) such as aws-external-anthropic:CreateInference; with several --resource values, every pair is evaluated.", AllowMultipleArgumentsPerToken = true };
        var resource = new Option<string[]>("--resource") { Description = "Resource ARN(s). Default: \"*\".", AllowMultipleArgumentsPerToken = true };
        var principal = new Option<string?>("--principal") { Description = "Who calls: a role, user or assumed-role session ARN, an account ID, a service principal or \"*\"." };
        var context = new Option<string[]>("--context") { Description = "Request context: key=value, repeated for a multivalued key; typed as key:ip=…, key:numeric=…, key:boolean=…, key:date=…, key:binary=…, key:arn=…." };
        var unknown = new Option<string[]>("--unknown") { Description = "A context key on the request whose value is not known (aws:SourceIp; aws:PrincipalTag/* for a family; a trailing ? when it may also be missing): the decision may then be \"depends\"." };
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var expect = new Option<string?>("--expect") { Description = "Exit 1 unless every decision is this: allowed, denied (either kind), explicitDeny, implicitDeny or depends." };
        expect.AcceptOnlyFromAmong(Simulator.ExpectValues);
        var batch = new Option<string?>("--batch") { Description = "Evaluate JSON-lines requests from this file ('-' for standard input); one JSON line out per request." };

        var command = new Command("simulate", "Evaluate requests against policies offline, as AWS does, with a trace. Exit 0: every decision matches --expect (or none given); 1: one does not; 2: usage or input error.")
        {
            policy, trust, boundary, scp, rcp, session, action, resource, principal, context, unknown, format, expect, batch,
        };
        command.SetAction(parse =>
        {
            string? batchPath = parse.GetValue(batch);
            if (batchPath != null) return Batch(batchPath, stdin, stdout, stderr);
            return Run(new Args
            {
                Policies = parse.GetValue(policy) ?? Array.Empty<string>(),
                Trust = parse.GetValue(trust),
                Boundaries = parse.GetValue(boundary) ?? Array.Empty<string>(),
                Scps = parse.GetValue(scp) ?? Array.Empty<string>(),
                Rcps = parse.GetValue(rcp) ?? Array.Empty<string>(),
                Session = parse.GetValue(session),
                Actions = parse.GetValue(action) ?? Array.Empty<string>(),
                Resources = parse.GetValue(resource) ?? Array.Empty<string>(),
                Principal = parse.GetValue(principal),
                Context = parse.GetValue(context) ?? Array.Empty<string>(),
                Unknown = parse.GetValue(unknown) ?? Array.Empty<string>(),
                Format = parse.GetValue(format) ?? "text",
                Expect = parse.GetValue(expect),
            }, stdout, stderr);
        });
        return command;
    }

    private sealed class Args
    {
        public string[] Policies = Array.Empty<string>();
        public string? Trust;
        public string[] Boundaries = Array.Empty<string>();
        public string[] Scps = Array.Empty<string>();
        public string[] Rcps = Array.Empty<string>();
        public string? Session;
        public string[] Actions = Array.Empty<string>();
        public string[] Resources = Array.Empty<string>();
        public string? Principal;
        public string[] Context = Array.Empty<string>();
        public string[] Unknown = Array.Empty<string>();
        public string Format = "text";
        public string? Expect;
    }

    private static int Run(Args a, TextWriter stdout, TextWriter stderr)
    {
        if (a.Actions.Length == 0) return Usage(stderr, "--action is required (or use --batch)");
        if (a.Policies.Length == 0 && a.Trust == null) return Usage(stderr, "give --policy FILE, --trust FILE or both");
        if (!ContextArgs.TryParse(a.Context, out var ctx, out string? ctxError)) return Usage(stderr, ctxError!);
        foreach (var u in a.Unknown)
        {
            string key = u.Trim();
            bool maybeAbsent = key.EndsWith("?", StringComparison.Ordinal);
            if (maybeAbsent) key = key.Substring(0, key.Length - 1);
            if (key.Length == 0 || key.IndexOf(':') <= 0 || key.IndexOf('=') >= 0) return Usage(stderr, $"--unknown \"{u}\": expected a condition key such as aws:SourceIp or aws:PrincipalTag/*");
            ctx.SetUnknown(key, maybeAbsent);
        }

        var loaded = new List<PolicyDocument>();
        PolicyDocument? LoadOne(string path, DocumentKind kind, ref string? firstError)
        {
            var doc = Simulator.Load(path, kind, out string? error);
            if (doc == null) firstError ??= error;
            else loaded.Add(doc);
            return doc;
        }
        string? err = null;
        var identity = new List<PolicyDocument>();
        foreach (var p in a.Policies) { var d = LoadOne(p, DocumentKind.Permission, ref err); if (d != null) identity.Add(d); }
        var boundaries = new List<PolicyDocument>();
        foreach (var p in a.Boundaries) { var d = LoadOne(p, DocumentKind.Permission, ref err); if (d != null) boundaries.Add(d); }
        var scps = new List<PolicyDocument>();
        foreach (var p in a.Scps) { var d = LoadOne(p, DocumentKind.Permission, ref err); if (d != null) scps.Add(d); }
        var rcps = new List<PolicyDocument>();
        foreach (var p in a.Rcps) { var d = LoadOne(p, DocumentKind.Resource, ref err); if (d != null) rcps.Add(d); }
        var trust = a.Trust != null ? LoadOne(a.Trust, DocumentKind.Trust, ref err) : null;
        var session = a.Session != null ? LoadOne(a.Session, DocumentKind.Permission, ref err) : null;
        if (err != null)
        {
            stderr.WriteLine("policycheck: error: " + err);
            return Program.ExitUsage;
        }
        bool invalid = false;
        var ids = Simulator.ExternalIds(loaded);
        foreach (var d in Simulator.Warnings(loaded))
        {
            // A message may quote a condition value, the external ID too.
            stderr.WriteLine(Proofs.Redact($"{d.Path}({d.Span.Line},{d.Span.Column}): {RuleIndex.SeverityName(d.Severity)} {d.RuleId}: {d.Message}", ids));
            invalid |= d.Severity == Severity.Error;
        }
        if (invalid)
        {
            // IAM would reject the policy: any decision would be about a policy that cannot exist.
            stderr.WriteLine("policycheck: error: IAM rejects these policies as written; fix the errors above to simulate them (no decision)");
            return Program.ExitUsage;
        }

        var set = new PolicySet
        {
            Identity = a.Policies.Length > 0 ? identity : null,
            ResourcePolicy = trust,
            Boundaries = boundaries,
            Scps = scps,
            Rcps = rcps,
            SessionPolicy = session,
        };
        var caller = a.Principal != null ? CallerPrincipal.Parse(a.Principal) : null;
        ContextArgs.AddPrincipalKeys(ctx, caller);
        var secrets = Simulator.Secrets(ctx, set);
        var resources = a.Resources.Length > 0 ? a.Resources : new[] { DefaultResource(a, stderr) };
        var results = new List<SimulationResult>();
        foreach (var act in a.Actions)
        {
            foreach (var res in resources) results.Add(Simulator.Run(set, act, res, caller, ctx));
        }

        if (a.Format == "json")
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                w.WriteStartArray("results");
                foreach (var r in results) Output.SimulationOutput.WriteJson(w, r, includeRequest: true, Proofs.TraceOf(r.Result, r.Request, secrets));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            foreach (var r in results) Output.SimulationOutput.WriteText(stdout, r, secrets);
        }

        if (a.Expect == null) return Program.ExitClean;
        int mismatches = 0;
        foreach (var r in results) if (!Matches(a.Expect, r.Result.Decision)) mismatches++;
        if (mismatches > 0) stderr.WriteLine($"policycheck: {mismatches} of {results.Count} decision(s) are not {a.Expect}");
        return mismatches > 0 ? Program.ExitFindings : Program.ExitClean;
    }

    /// <summary>
    /// Without --resource: "*", except that a trust policy's sts:AssumeRole* is evaluated against a role ARN (a role's
    /// trust decides only for that role): gateway.roleArn or gateway.account from the policycheck.yml above the trust
    /// file, else an example account.
    /// </summary>
    private static string DefaultResource(Args a, TextWriter stderr)
    {
        if (a.Trust == null || !Array.Exists(a.Actions, Evaluator.IsTrustAction)) return "*";
        string role = $"arn:aws:iam::{Engine.GatewayRequests.ExampleAccount}:role/{Engine.GatewayRequests.RoleName}";
        string from = "an example account";
        string? configPath = Inputs.ConfigFile.Find(Path.GetDirectoryName(Path.GetFullPath(a.Trust)) ?? ".");
        if (configPath != null)
        {
            try
            {
                var config = PolicyCheck.Config.ConfigReader.Load(configPath, File.ReadAllText(configPath), BuiltIn.Service, BuiltIn.Catalog, _ => null, new List<PolicyCheck.Json.Problem>(), File.Exists);
                if (config.RoleArn != null) (role, from) = (config.RoleArn.Value, configPath + " (gateway.roleArn)");
                else if (config.Account != null) (role, from) = ($"arn:aws:iam::{config.Account.Value}:role/{Engine.GatewayRequests.RoleName}", configPath + " (gateway.account)");
            }
            catch (IOException)
            {
                // Unreadable config: keep the example.
            }
        }
        stderr.WriteLine($"policycheck: note: no --resource: the role is {role}, from {from}");
        return role;
    }

    public static bool Matches(string expect, Decision d) => Simulator.ExpectMet(expect, d);

    private static int Batch(string path, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        BatchSummary summary;
        string where = path == "-" ? "standard input" : path;
        try
        {
            if (path == "-")
            {
                // The process's own standard input is read as bytes; a caller's reader as the text it gives.
                summary = ReferenceEquals(stdin, Console.In)
                    ? PolicyCheck.Cli.Output.BatchSimulation.Run(Console.OpenStandardInput(), stdout)
                    : PolicyCheck.Cli.Output.BatchSimulation.Run(stdin, stdout);
            }
            else
            {
                if (!File.Exists(path)) return Usage(stderr, $"{path}: file not found");
                var opened = Inputs.PolicyFiles.OpenWithin(path);
                if (opened == null) return Usage(stderr, $"{path}: the file did not open within {Inputs.PolicyFiles.OpenDeadline.TotalSeconds:0} s: a FIFO or a device, not a batch file");
                using (opened) summary = PolicyCheck.Cli.Output.BatchSimulation.Run(opened, stdout);
            }
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"policycheck: error: {where}: {e.Message}");
            return Program.ExitUsage;
        }
        if (summary.Mismatches.Count > 0)
        {
            stderr.WriteLine($"policycheck: {summary.Mismatches.Count} decision(s) missed their \"expect\": {string.Join(", ", summary.Mismatches)}");
        }
        if (summary.Errors > 0)
        {
            stderr.WriteLine($"policycheck: {summary.Errors} request(s) rejected; see their \"error\" lines");
            return Program.ExitUsage;
        }
        return summary.Mismatches.Count > 0 ? Program.ExitFindings : Program.ExitClean;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("policycheck: error: " + message);
        return Program.ExitUsage;
    }
}
