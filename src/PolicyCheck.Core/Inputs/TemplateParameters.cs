using System;
using System.Collections.Generic;
using PolicyCheck.Json;

namespace PolicyCheck.Inputs.CloudFormation;

/// <summary>lint --parameters FILE: values for template parameters and pseudo parameters.</summary>
public static class TemplateParameters
{
    /// <summary>Parameter values from a file: the CLI's [{ParameterKey, ParameterValue}], {"Parameters": {...}} or a plain map.</summary>
    public static Dictionary<string, string>? Read(string path, string text, List<Problem> errors)
    {
        string trimmed = text.TrimStart();
        SourceNode? root;
        if (trimmed.StartsWith("[", StringComparison.Ordinal) || trimmed.StartsWith("{", StringComparison.Ordinal))
        {
            var issues = new List<Problem>();
            root = JsonParser.Parse(text, new LineMap(text), issues);
            var bad = issues.Find(i => i.Kind == ProblemKind.Syntax || i.Kind == ProblemKind.DuplicateKey);
            if (root == null || bad != null)
            {
                errors.Add(bad != null ? Problem.Input(path, bad.Message, bad.Span) : Problem.Input(path, "the parameters file is not valid JSON"));
                return null;
            }
        }
        else
        {
            root = TemplateYaml.Load(text, out var failure, parameters: true);
            if (failure != null)
            {
                errors.Add(Problem.Input(path, failure.Message, failure.Span));
                return null;
            }
            if (root == null)
            {
                errors.Add(Problem.Input(path, "the parameters file is empty"));
                return null;
            }
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root is SourceArray list)
        {
            foreach (var item in list.Items)
            {
                if (item is SourceObject o && o.Get("ParameterKey")?.Value is SourceScalar k && o.Get("ParameterValue")?.Value is SourceScalar val)
                {
                    values[k.Text] = val.Text;
                    continue;
                }
                errors.Add(Problem.Input(path, "each entry must be {\"ParameterKey\": ..., \"ParameterValue\": ...}", item.Span));
                return null;
            }
            return values;
        }
        if (root is SourceObject map)
        {
            if (map.Get("Parameters")?.Value is SourceObject inner) map = inner;
            foreach (var p in map.Properties)
            {
                if (p.Value is SourceScalar s && s.Kind != NodeKind.Object)
                {
                    values[p.Name] = s.Text;
                    continue;
                }
                if (p.Value is SourceArray arr)
                {
                    var parts = new List<string>();
                    foreach (var i in arr.Items) if (i is SourceScalar x) parts.Add(x.Text);
                    values[p.Name] = string.Join(",", parts);
                    continue;
                }
                errors.Add(Problem.Input(path, $"parameter \"{p.Name}\" must be a string", p.Value.Span));
                return null;
            }
            return values;
        }
        errors.Add(Problem.Input(path, "a parameters file is a list of {ParameterKey, ParameterValue} or a map of names to values", root.Span));
        return null;
    }
}
