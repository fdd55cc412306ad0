using System;
using System.Collections.Generic;
using PolicyCheck.Json;
using PolicyCheck.Yaml;

namespace PolicyCheck.Inputs.CloudFormation;

/// <summary>
/// Reads a CloudFormation YAML template with <see cref="YamlReader"/>. Short-form tags (<c>!Sub x</c>) become their
/// long form (<c>{"Fn::Sub": x}</c>) so one resolver serves YAML and JSON.
/// </summary>
public static class TemplateYaml
{
    public static readonly IReadOnlyDictionary<string, string> ShortTags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref", ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub", ["!GetAtt"] = "Fn::GetAtt", ["!Join"] = "Fn::Join", ["!If"] = "Fn::If", ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split", ["!FindInMap"] = "Fn::FindInMap", ["!ImportValue"] = "Fn::ImportValue", ["!Equals"] = "Fn::Equals",
        ["!Not"] = "Fn::Not", ["!And"] = "Fn::And", ["!Or"] = "Fn::Or", ["!Base64"] = "Fn::Base64", ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs", ["!Transform"] = "Fn::Transform", ["!Length"] = "Fn::Length", ["!ToJsonString"] = "Fn::ToJsonString",
        // Rules section functions (never resolved: Rules do not shape policies).
        ["!Contains"] = "Fn::Contains", ["!EachMemberEquals"] = "Fn::EachMemberEquals", ["!EachMemberIn"] = "Fn::EachMemberIn",
        ["!RefAll"] = "Fn::RefAll", ["!ValueOf"] = "Fn::ValueOf", ["!ValueOfAll"] = "Fn::ValueOfAll",
    };

    private static readonly YamlOptions Options = new YamlOptions
    {
        Noun = "template",
        DuplicateKeySuffix = "; CloudFormation rejects the template",
        Tag = (tag, node, span) => ShortTags.TryGetValue(tag, out var fn) ? new SourceObject(span, new[] { new SourceProperty(fn, span, node) }) : null,
        UnknownTagHint = ": CloudFormation knows !Ref, !Sub, !GetAtt, !Join, !If, !Select, !Split, !FindInMap, !ImportValue, !Equals, !Not, !And, !Or, !Condition and a few more",
    };

    /// <summary>The parameters file: the same tags, its own name in messages.</summary>
    private static readonly YamlOptions ParameterOptions = new YamlOptions
    {
        Noun = "parameters file",
        Tag = Options.Tag,
        UnknownTagHint = Options.UnknownTagHint,
    };

    /// <summary>The template's root (or a parameters file's, with <paramref name="parameters"/>), or null with <paramref name="error"/> naming the position and the reason.</summary>
    public static SourceNode? Load(string text, out ProblemException? error, bool parameters = false)
    {
        error = null;
        try
        {
            return YamlReader.Read(text, parameters ? ParameterOptions : Options);
        }
        catch (ProblemException e)
        {
            error = e;
            return null;
        }
    }
}
