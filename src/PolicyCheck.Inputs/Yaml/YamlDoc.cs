using System;
using System.Collections.Generic;
using System.IO;
using PolicyCheck.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyCheck.Inputs.Yaml;

/// <summary>A YAML problem with its position.</summary>
public sealed class YamlProblem
{
    public YamlProblem(string message, SourceSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }
    public SourceSpan Span { get; }
}

/// <summary>Small helpers over YamlDotNet's representation model that keep positions.</summary>
public static class YamlDoc
{
    /// <summary>Parses YAML text; returns the root node or null with a problem naming the position.</summary>
    public static YamlNode? Load(string text, List<YamlProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return null;
            if (stream.Documents.Count > 1)
            {
                problems.Add(new YamlProblem("only one YAML document is allowed", Span(stream.Documents[1].RootNode)));
            }
            return stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException?.Message ?? ex.Message;
            int line = (int)Math.Max(1, ex.Start.Line);
            int col = (int)Math.Max(1, ex.Start.Column);
            problems.Add(new YamlProblem("not valid YAML: " + Trim(message), new SourceSpan(0, 0, line, col, line, col)));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is FormatException || ex is OverflowException)
        {
            // YamlDotNet sometimes fails on broken input with a non-YAML exception (found by fuzzing); name where it stopped.
            var (line, col) = LastReadPosition(text);
            problems.Add(new YamlProblem("not valid YAML: the parser stopped here", new SourceSpan(0, 0, line, col, line, col)));
            return null;
        }
    }

    /// <summary>Where the scanner was when it failed: the end of the last token it read.</summary>
    internal static (int Line, int Column) LastReadPosition(string text)
    {
        long line = 1, col = 1;
        try
        {
            var scanner = new YamlDotNet.Core.Scanner(new StringReader(text));
            int budget = text.Length * 4 + 64; // a scanner in a bad state must not loop forever
            while (budget-- > 0 && scanner.MoveNext())
            {
                line = scanner.Current!.End.Line;
                col = scanner.Current.End.Column;
            }
        }
        catch (Exception ex) when (ex is YamlException || ex is InvalidOperationException || ex is ArgumentException || ex is FormatException || ex is OverflowException)
        {
            // The position of the last good token is what we want.
        }
        return ((int)Math.Max(1, line), (int)Math.Max(1, col));
    }

    private static string Trim(string message)
    {
        int paren = message.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(paren + 3) : message;
    }

    public static SourceSpan Span(YamlNode node)
    {
        int line = (int)Math.Max(1, node.Start.Line);
        int col = (int)Math.Max(1, node.Start.Column);
        int endLine = (int)Math.Max(line, node.End.Line);
        int endCol = (int)Math.Max(1, node.End.Column);
        return new SourceSpan((int)node.Start.Index, (int)Math.Max(0, node.End.Index - node.Start.Index), line, col, endLine, endCol);
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when s.Value == null || s.Value.Length == 0 => "an empty value",
        _ => "a scalar",
    };

    public static YamlNode? Get(YamlMappingNode map, string key)
    {
        foreach (var pair in map.Children)
        {
            if (pair.Key is YamlScalarNode k && k.Value == key) return pair.Value;
        }
        return null;
    }

    public static string Str(YamlMappingNode map, string key)
    {
        if (Get(map, key) is YamlScalarNode s && s.Value != null) return s.Value;
        throw new InvalidDataException($"line {map.Start.Line}: '{key}' must be a string");
    }

    public static string StrOr(YamlMappingNode map, string key, string fallback)
        => Get(map, key) is YamlScalarNode s && s.Value != null ? s.Value : fallback;

    public static List<string> Strings(YamlMappingNode map, string key)
    {
        var list = new List<string>();
        var node = Get(map, key);
        if (node == null) return list;
        if (node is not YamlSequenceNode seq) throw new InvalidDataException($"line {node.Start.Line}: '{key}' must be a list");
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode s && s.Value != null) list.Add(s.Value);
            else throw new InvalidDataException($"line {item.Start.Line}: entries of '{key}' must be strings");
        }
        return list;
    }

    public static IEnumerable<YamlMappingNode> Maps(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is not YamlSequenceNode seq) throw new InvalidDataException($"line {map.Start.Line}: '{key}' must be a list");
        foreach (var item in seq.Children)
        {
            if (item is YamlMappingNode m) yield return m;
            else throw new InvalidDataException($"line {item.Start.Line}: entries of '{key}' must be mappings");
        }
    }
}
