using System.Collections.Generic;
using PolicyCheck.Json;
using PolicyCheck.Model;
using PolicyCheck.Inputs.CloudFormation;
using PolicyCheck.Inputs.Terraform;

namespace PolicyCheck.Inputs;

/// <summary>What a JSON input file is, found once before any reader runs.</summary>
public enum InputFormat
{
    /// <summary>An IAM policy (or a file that is not JSON, reported by the grammar rules).</summary>
    Policy,
    Template,
    Plan,
}

/// <summary>A JSON input decoded once, with its format.</summary>
public sealed class JsonInput
{
    public JsonInput(InputFormat format, string text, PolicyDocument policy)
    {
        Format = format;
        Text = text;
        Policy = policy;
    }

    public InputFormat Format { get; }
    /// <summary>The decoded text (empty when the bytes are not text).</summary>
    public string Text { get; }
    /// <summary>The file read as a policy: its parse tree and problems serve every format.</summary>
    public PolicyDocument Policy { get; }
}

/// <summary>Decodes an input file once and tells its format: policy, CloudFormation template or Terraform plan.</summary>
public static class InputReader
{
    /// <param name="templateDepth">The nesting a template may have; deeper than a policy's.</param>
    public static JsonInput ReadJson(string path, byte[] bytes, DocumentKind? kind, int templateDepth)
    {
        var decodeIssues = new List<Problem>();
        string? text = SourceDecoder.Decode(bytes, decodeIssues);
        if (text == null)
        {
            var unreadable = PolicyReader.Read(path, bytes, kind);
            return new JsonInput(InputFormat.Policy, string.Empty, unreadable);
        }
        var doc = Read(path, text, decodeIssues, kind, JsonParser.DefaultMaxDepth);
        if (!doc.IsParsed && doc.ParseIssues.Exists(i => i.Message.StartsWith(JsonParser.TooDeep, System.StringComparison.Ordinal)))
        {
            var deeper = Read(path, text, decodeIssues, kind, templateDepth);
            if (deeper.IsParsed && CloudFormationTemplate.Looks(deeper.Root)) doc = deeper;
        }
        if (doc.IsParsed && CloudFormationTemplate.Looks(doc.Root)) return new JsonInput(InputFormat.Template, text, doc);
        if (doc.IsParsed && TerraformPlan.Looks(doc.Root)) return new JsonInput(InputFormat.Plan, text, doc);
        return new JsonInput(InputFormat.Policy, text, doc);
    }

    private static PolicyDocument Read(string path, string text, List<Problem> decodeIssues, DocumentKind? kind, int maxDepth)
    {
        var doc = PolicyReader.Read(path, text, kind, null, maxDepth);
        doc.ParseIssues.InsertRange(0, decodeIssues);
        return doc;
    }
}
