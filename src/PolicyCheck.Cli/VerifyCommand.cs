using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using PolicyCheck.Aws.Http;
using PolicyCheck.Aws.Iam;
using PolicyCheck.Aws.Sts;
using PolicyCheck.Aws.Verify;
using PolicyCheck.Cli.Output;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs;
using PolicyCheck.Secrets;

namespace PolicyCheck.Cli;

/// <summary>`policycheck verify`: the pre-deploy check against AWS, Claude Platform and Portkey.</summary>
public static class VerifyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretMask mask)
    {
        var config = new Option<string?>("--config", "-c") { Description = "policycheck.yml (its gateway section supplies what the flags leave out)." };
        var roleArn = new Option<string?>("--role-arn") { Description = "The role the gateway assumes." };
        var region = new Option<string?>("--region") { Description = "The workspace's region." };
        var workspace = new Option<string?>("--workspace") { Description = "The workspace ID (wrkspc_…)." };
        var externalId = new Option<string?>("--external-id") { Description = "The external ID set in Portkey (never printed)." };
        var profile = new Option<string?>("--profile") { Description = "AWS profile for the credentials (default: the SDK's credential chain)." };
        var stage = new Option<string[]>("--stage") { Description = "Run only these stages: role, simulate, federation, assume, call, portkey. Default: every stage whose inputs are present (assume only when asked)." };
        stage.AcceptOnlyFromAmong(VerifyOptions.StageNames);
        var inference = new Option<bool>("--inference") { Description = "Make the live call a 1-token POST /v1/messages (billed) instead of the free count_tokens." };
        var portkeyKeyEnv = new Option<string?>("--portkey-api-key-env") { Description = "Name of the environment variable that holds the Portkey API key." };
        var portkeyModel = new Option<string?>("--portkey-model") { Description = "Model for the Portkey check (default @claude-platform-aws-provider/claude-sonnet-4-6)." };
        var model = new Option<string?>("--model") { Description = "Model for the live call (default claude-sonnet-4-6)." };
        var endpointUrl = new Option<string[]>("--endpoint-url") { Description = "NAME=URL for iam, sts, claude or portkey (tests, private endpoints). Plain http:// only on loopback." };
        var timeout = new Option<int>("--timeout") { Description = "Total time budget in seconds.", DefaultValueFactory = _ => 60 };
        var format = new Option<string>("--format", "-f") { Description = "text, json or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");

        var command = new Command("verify", "Check the live setup before deploying: the role's policies, AWS's simulator, outbound web identity federation, AssumeRole, a SigV4-signed call to Claude Platform on AWS and a request through Portkey. Exit 0: all passed; 1: a stage failed; 2: usage or credential error.")
        {
            config, roleArn, region, workspace, externalId, profile, stage, inference, portkeyKeyEnv, portkeyModel, model, endpointUrl, timeout, format,
        };
        command.SetAction(parse =>
        {
            var o = new VerifyOptions { Inference = parse.GetValue(inference), Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))) };
            foreach (var s in parse.GetValue(stage) ?? Array.Empty<string>()) o.Stages.Add(s);
            var args = new VerifyArgs
            {
                ConfigPath = parse.GetValue(config), RoleArn = parse.GetValue(roleArn), Region = parse.GetValue(region), Workspace = parse.GetValue(workspace),
                ExternalId = parse.GetValue(externalId), Profile = parse.GetValue(profile), PortkeyKeyEnv = parse.GetValue(portkeyKeyEnv),
                PortkeyModel = parse.GetValue(portkeyModel), Model = parse.GetValue(model), EndpointUrls = parse.GetValue(endpointUrl) ?? Array.Empty<string>(),
                Format = parse.GetValue(format) ?? "text",
            };
            return Run(o, args, stdout, stderr, environment, mask);
        });
        return command;
    }

    private static int Run(VerifyOptions o, VerifyArgs a, TextWriter stdout, TextWriter stderr, Func<string, string?> env, SecretMask redactor)
    {
        string? configPath = a.ConfigPath, roleArn = a.RoleArn, region = a.Region, workspace = a.Workspace, externalId = a.ExternalId;
        string? profile = a.Profile, portkeyKeyEnv = a.PortkeyKeyEnv, portkeyModel = a.PortkeyModel, model = a.Model;
        string[] endpointArgs = a.EndpointUrls;
        string format = a.Format;
        // Values missing from the flags come from policycheck.yml's gateway section.
        string? path = configPath ?? ConfigFile.Find(Directory.GetCurrentDirectory());
        if (path != null)
        {
            if (!File.Exists(path)) return Usage(stderr, $"{path}: file not found");
            var errors = new List<PolicyCheck.Json.Problem>();
            o.Config = ConfigReader.Load(path, File.ReadAllText(path), BuiltIn.Service, BuiltIn.Catalog, env, errors, File.Exists);
            if (errors.Count > 0)
            {
                foreach (var e in errors) stderr.WriteLine(Formatters.Problem(e));
                return Program.ExitUsage;
            }
        }
        o.RoleArn = roleArn ?? o.Config.RoleArn?.Value;
        o.Region = region ?? o.Config.Region?.Value;
        o.Workspace = workspace ?? o.Config.Workspace?.Value;
        o.ExternalId = externalId ?? o.Config.ExternalIdValue?.Value;
        redactor.Add(o.ExternalId);
        if (model != null) o.Model = model;
        if (portkeyModel != null) o.PortkeyModel = portkeyModel;
        if (o.RoleArn != null && (Arn.TryParse(o.RoleArn) is not { Service: "iam" } roleParts || !roleParts.Resource.StartsWith("role/", StringComparison.Ordinal)))
            return Usage(stderr, $"--role-arn '{o.RoleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
        if (o.Region != null && !Arn.IsRegionShape(o.Region)) return Usage(stderr, $"--region '{o.Region}' is not an AWS region name");
        if (o.Workspace != null && !System.Text.RegularExpressions.Regex.IsMatch(o.Workspace, BuiltIn.Service.WorkspaceIdPattern))
            return Usage(stderr, $"--workspace '{o.Workspace}' is not a workspace ID (wrkspc_…)");
        if (portkeyKeyEnv != null)
        {
            o.PortkeyApiKey = env(portkeyKeyEnv);
            redactor.Add(o.PortkeyApiKey);
            if (string.IsNullOrEmpty(o.PortkeyApiKey)) return Usage(stderr, $"the environment variable {portkeyKeyEnv} (--portkey-api-key-env) is not set");
        }

        var endpoints = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in endpointArgs)
        {
            int eq = e.IndexOf('=');
            string name = eq > 0 ? e.Substring(0, eq) : string.Empty;
            if (name is not ("iam" or "sts" or "claude" or "portkey")) return Usage(stderr, $"--endpoint-url '{e}': expected NAME=URL with NAME iam, sts, claude or portkey");
            if (!Uri.TryCreate(e.Substring(eq + 1), UriKind.Absolute, out var url) || (url.Scheme != "https" && url.Scheme != "http"))
                return Usage(stderr, $"--endpoint-url '{e}': not an http(s) URL");
            if (url.Scheme == "http" && !url.IsLoopback) return Usage(stderr, $"--endpoint-url '{e}': plain http:// is refused except on loopback (127.0.0.1, ::1, localhost)");
            endpoints[name] = url;
        }
        if (endpoints.TryGetValue("claude", out var claude)) o.ClaudeEndpoint = claude;
        if (endpoints.TryGetValue("portkey", out var portkey)) o.PortkeyEndpoint = portkey;

        AWSCredentials sdkCredentials;
        ImmutableCredentials credentials;
        try
        {
            sdkCredentials = Credentials(profile, env);
            credentials = sdkCredentials.GetCredentials();
        }
        catch (Exception ex) when (ex is AmazonClientException || ex is AmazonServiceException || ex is InvalidOperationException || ex is IOException)
        {
            stderr.WriteLine("policycheck: error: no AWS credentials: " + redactor.Apply(ex.Message));
            stderr.WriteLine("  fix: pass --profile, set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or log in with `aws sso login`");
            return Program.ExitUsage;
        }
        redactor.Add(credentials.SecretKey);
        redactor.Add(credentials.Token);

        string partition = o.RoleArn != null ? Arn.TryParse(o.RoleArn)!.Partition : "aws";
        var (iamEndpoint, iamRegion) = IamQueryClient.EndpointFor(partition);
        if (endpoints.TryGetValue("iam", out var iamOverride)) iamEndpoint = iamOverride;
        using var http = Transport.CreateHttpClient();
        var deadline = DateTime.UtcNow + o.Timeout;
        AwsCaller CallerFor(Func<ImmutableCredentials> c) => new AwsCaller(http, c);
        var iam = new IamQueryClient(CallerFor(() => credentials), iamEndpoint, iamRegion, () => deadline);
        using var sts = new SdkStsClient(sdkCredentials, o.Region ?? "us-east-1", endpoints.TryGetValue("sts", out var stsUrl) ? stsUrl : null, http, () => deadline);
        var verifier = new Verifier(o, iam, sts, () => credentials, CallerFor, http, redactor);
        List<StageResult> results;
        try
        {
            results = verifier.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine("policycheck: error: verify stopped: " + redactor.Apply(ex.GetType().Name + ": " + ex.Message));
            return Program.ExitUsage;
        }

        string output = format switch
        {
            "json" => VerifyOutput.Json(results),
            "sarif" => SarifFormatter.Verify(results),
            _ => VerifyOutput.Text(results),
        };
        stdout.Write(redactor.Apply(output));
        int failed = 0;
        foreach (var r in results) if (r.Status == StageStatus.Fail) failed++;
        if (results.Count > 0 && results[0].Name == "credentials" && results[0].Status == StageStatus.Fail) return Program.ExitUsage;
        return failed > 0 ? Program.ExitFindings : Program.ExitClean;
    }

    /// <summary>Environment keys first (as the SDK's chain does, but read through our environment for tests), then --profile, then the SDK's chain.</summary>
    private static AWSCredentials Credentials(string? profile, Func<string, string?> env)
    {
        string? key = env("AWS_ACCESS_KEY_ID"), secret = env("AWS_SECRET_ACCESS_KEY"), token = env("AWS_SESSION_TOKEN");
        if (profile == null && !string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(secret))
        {
            return string.IsNullOrEmpty(token) ? new BasicAWSCredentials(key, secret) : new SessionAWSCredentials(key, secret, token);
        }
        if (profile != null)
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)) return fromProfile;
            throw new InvalidOperationException($"profile '{profile}' not found in the AWS config or credentials files");
        }
        return DefaultAWSCredentialsIdentityResolver.GetCredentials(new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig());
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("policycheck: error: " + message);
        return Program.ExitUsage;
    }
}

/// <summary>The flags of `policycheck verify` as given (null when not given; policycheck.yml fills the gaps).</summary>
public sealed class VerifyArgs
{
    public string? ConfigPath { get; init; }
    public string? RoleArn { get; init; }
    public string? Region { get; init; }
    public string? Workspace { get; init; }
    public string? ExternalId { get; init; }
    public string? Profile { get; init; }
    public string? PortkeyKeyEnv { get; init; }
    public string? PortkeyModel { get; init; }
    public string? Model { get; init; }
    public string[] EndpointUrls { get; init; } = Array.Empty<string>();
    public string Format { get; init; } = "text";
}
