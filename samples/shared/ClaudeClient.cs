// A gateway-side client for Claude Platform on AWS with the mistakes PolicyCheck's analyzers catch.
// Each line marked "PCxxxx" must produce that warning in `dotnet build` (checked by samples/check.sh).
using System;

namespace Sample;

public sealed class ClientConfig
{
    public string ServiceURL { get; set; } = string.Empty;
    public string AuthenticationServiceName { get; set; } = string.Empty;
    public string AuthenticationRegion { get; set; } = string.Empty;
}

public static class ClaudeClient
{
    public const string WorkspaceHeader = "anthropic-workspace-id";

    public static ClientConfig Configure() => new ClientConfig
    {
        ServiceURL = "https://aws-external-anthropic.us-west-2.amazonaws.com",      // PC5002
        AuthenticationServiceName = "bedrock",                                      // PC5001
        AuthenticationRegion = "us-east-1",                                         // PC5005
    };

    public static readonly string[] Actions = { "bedrock:InvokeModel", "aws-external-anthropic:CountTokens" }; // PC5003

    public const string Workspace = "arn:aws:bedrock:us-west-2:111122223333:workspace/wrkspc_01abc";       // PC5004

    public const string TrustPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::299329113195:role/portkey-app"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringLike": {"sts:ExternalId": "*"}}
          }]
        }
        """; // PC3006 at the operator

    public static void Main()
    {
        Console.WriteLine(Configure().ServiceURL + " " + Actions.Length + " " + Workspace.Length + " " + TrustPolicy.Length);
    }
}
