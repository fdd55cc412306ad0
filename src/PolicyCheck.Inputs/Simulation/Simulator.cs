using System;
using System.Collections.Generic;
using System.IO;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs.Simulation;

/// <summary>Loads the policies for `policycheck simulate`, runs requests and the --batch protocol.</summary>
public static partial class Simulator
{
    /// <summary>Reads a policy file; a file that is not a readable JSON policy is an error naming file, line and reason.</summary>
    public static PolicyDocument? Load(string path, DocumentKind kind, out string? error)
    {
        error = null;
        if (!File.Exists(path))
        {
            error = $"{path}: file not found";
            return null;
        }
        var problems = new List<Problem>();
        var bytes = PolicyFiles.ReadBytes(path, problems);
        if (bytes == null)
        {
            error = $"{path}: {problems[0].Message}";
            return null;
        }
        var doc = PolicyReader.Read(path, bytes, kind);
        return Check(doc, path, out error) ? doc : null;
    }

    private static bool Check(PolicyDocument doc, string where, out string? error)
    {
        error = null;
        foreach (var issue in doc.ParseIssues)
        {
            if (issue.Kind == ProblemKind.Syntax || issue.Kind == ProblemKind.Encoding)
            {
                error = $"{where}({issue.Span.Line},{issue.Span.Column}): {issue.Message}";
                return false;
            }
        }
        if (!doc.IsParsed)
        {
            error = $"{where}: not a JSON document";
            return false;
        }
        if (!doc.HasStatement)
        {
            error = $"{where}(1,1): not an IAM policy (no Statement)";
            return false;
        }
        return true;
    }

    /// <summary>The first problem that makes IAM reject one of the documents (an error of the grammar rules), or null.</summary>
    public static Diagnostic? Invalid(IEnumerable<PolicyDocument> docs)
    {
        foreach (var d in Warnings(docs)) if (d.Severity == Severity.Error) return d;
        return null;
    }

    /// <summary>Problems in the documents that change what the evaluator sees: unknown operators, values of the wrong type, model errors.</summary>
    public static List<Diagnostic> Warnings(IEnumerable<PolicyDocument> docs)
    {
        var role = new RoleGroup("simulate");
        foreach (var d in docs) role.Documents.Add(d);
        return WarningRules.Value.Lint(new[] { role }, new GatewayConfig());
    }

    /// <summary>The rules behind <see cref="Warnings"/>, built once (a batch asks per line).</summary>
    private static readonly Lazy<LintEngine> WarningRules = new Lazy<LintEngine>(() =>
    {
        var ids = new HashSet<string>(StringComparer.Ordinal)
        {
            Rules.RuleIds.ElementType, Rules.RuleIds.UnknownElement, Rules.RuleIds.EffectInvalid,
            Rules.RuleIds.ConditionOperator, Rules.RuleIds.ConditionValue, Rules.RuleIds.VariableNeedsVersion,
        };
        return LintEngine.CreateDefault(null, d => ids.Contains(d.Id));
    });

    public static SimulationResult Run(PolicySet set, string action, string resource, CallerPrincipal? principal, RequestContext context)
    {
        var request = new EvalRequest(action, resource, principal, context);
        return new SimulationResult(request, Evaluator.Evaluate(set, request));
    }

    /// <summary>Values that must not be printed: the external ID in the request context and those the policies compare it with.</summary>
    public static string?[] Secrets(RequestContext context, PolicySet set)
    {
        List<string?>? list = null;
        if (context.TryGet("sts:ExternalId", out var v)) (list = new List<string?>()).AddRange(v.Values);
        Add(set.ResourcePolicy);
        Add(set.SessionPolicy);
        AddAll(set.Identity);
        AddAll(set.Boundaries);
        AddAll(set.Scps);
        AddAll(set.Rcps);
        return list?.ToArray() ?? Array.Empty<string?>();

        void AddAll(IReadOnlyList<PolicyDocument>? docs)
        {
            for (int i = 0; docs != null && i < docs.Count; i++) Add(docs[i]);
        }

        void Add(PolicyDocument? d)
        {
            if (d == null) return;
            var ids = d.ExternalIds();
            if (ids.Count > 0) (list ??= new List<string?>()).AddRange(ids);
        }
    }

    /// <summary>The values the documents compare sts:ExternalId with: secrets, masked in every message about them.</summary>
    public static string?[] ExternalIds(IEnumerable<PolicyDocument> docs)
    {
        var list = new List<string?>();
        foreach (var d in docs) list.AddRange(d.ExternalIds());
        return list.ToArray();
    }

    /// <summary>The values --expect and a batch line's "expect" take.</summary>
    public static readonly string[] ExpectValues = { "allowed", "denied", "explicitDeny", "implicitDeny", "depends" };

    /// <summary>Whether a decision is the expected one ("denied" is either kind of deny).</summary>
    public static bool ExpectMet(string expect, Decision d) => expect switch
    {
        "allowed" => d == Decision.Allowed,
        "denied" => d == Decision.ExplicitDeny || d == Decision.ImplicitDeny,
        "explicitDeny" => d == Decision.ExplicitDeny,
        "depends" => d == Decision.Depends,
        _ => d == Decision.ImplicitDeny,
    };

    private static readonly string[] BatchKeys = { "policies", "resourcePolicy", "boundaries", "scps", "rcps", "sessionPolicy", "action", "resource", "principal", "context", "id", "expect" };

    public static bool TryParseBatchLine(string line, int lineNo, out PolicySet? set, out EvalRequest? request, out string? error)
        => TryParseBatchLine(line, lineNo, out set, out request, out error, out _);

    /// <summary>One batch line given as text (a caller's, a test's): read as its UTF-8; a lone surrogate has none and is an error.</summary>
    public static bool TryParseBatchLine(string line, int lineNo, out PolicySet? set, out EvalRequest? request, out string? error, out BatchLineMeta meta)
    {
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(line);
        }
        catch (System.Text.EncoderFallbackException e)
        {
            (meta, set, request) = (default, null, null);
            error = $"line {lineNo}, column {e.Index + 1}: a lone surrogate (U+{(int)e.CharUnknown:X4}) is not text";
            return false;
        }
        return TryParseBatchLine(utf8, lineNo, out set, out request, out error, out meta);
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new System.Text.UTF8Encoding(false, true);

    /// <summary>
    /// One batch line, as UTF-8. A line whose policies an accepted line had is read with each of them left as "0"
    /// (its spans mapped back to the whole line) and shares their models; any other line is read whole.
    /// </summary>
    public static bool TryParseBatchLine(ReadOnlySpan<byte> utf8, int lineNo, out PolicySet? set, out EvalRequest? request, out string? error, out BatchLineMeta meta)
    {
        meta = default;
        set = null;
        request = null;
        error = null;
        string where = $"line {lineNo}";
        var members = _members ??= new List<BatchPolicies.Member>();
        var rest = _rest ??= new List<BatchPolicies.Member>();
        var known = BatchPolicies.Known(utf8, members, rest);
        if (known != null && TryKnownLine(utf8, where, known, members, rest, out set, out request, out meta)) return true;
        var issues = new List<Problem>();
        if (known == null || !BatchPolicies.Compress(utf8, members, known, out string line, out var map))
        {
            known = null;
            if (Decode(utf8, where, out error) is not { } whole) return false;
            line = whole;
            map = new LineMap(line);
        }
        var root = JsonParser.Parse(line, map, issues);
        foreach (var i in issues)
        {
            if (i.Kind == ProblemKind.Syntax || i.Kind == ProblemKind.Encoding)
            {
                error = $"{where}, column {i.Span.Column}: {i.Message}";
                return false;
            }
        }
        if (root is not SourceObject obj)
        {
            error = $"{where}: a request must be a JSON object";
            return false;
        }
        foreach (var p in obj.Properties)
        {
            if (IndexOf(BatchKeys, p.Name) < 0)
            {
                error = $"{where}, column {p.NameSpan.Column}: unknown key \"{p.Name}\" (known: {string.Join(", ", BatchKeys)})";
                return false;
            }
        }
        if (!Text(obj, "id", where, required: false, out string? id, out error)) return false;
        if (!Text(obj, "expect", where, required: false, out string? expect, out error)) return false;
        if (expect != null && IndexOf(ExpectValues, expect) < 0)
        {
            error = $"{where}, column {obj.Get("expect")!.Value.Span.Column}: \"expect\" must be one of {string.Join(", ", ExpectValues)}, not \"{expect}\"";
            return false;
        }
        meta = new BatchLineMeta(id, expect);
        set = new PolicySet();
        if (!Docs(obj, known, "policies", where, DocumentKind.Permission, out var identity, out error)) return false;
        set.Identity = obj.Get("policies") != null ? identity : null;
        if (!Docs(obj, known, "boundaries", where, DocumentKind.Permission, out var boundaries, out error)) return false;
        set.Boundaries = boundaries;
        if (!Docs(obj, known, "scps", where, DocumentKind.Permission, out var scps, out error)) return false;
        set.Scps = scps;
        if (!Docs(obj, known, "rcps", where, DocumentKind.Resource, out var rcps, out error)) return false;
        set.Rcps = rcps;
        if (!OneDoc(obj, known, "resourcePolicy", where, DocumentKind.Resource, out var rbp, out error)) return false;
        set.ResourcePolicy = rbp;
        if (!OneDoc(obj, known, "sessionPolicy", where, DocumentKind.Permission, out var session, out error)) return false;
        set.SessionPolicy = session;
        if (set.Identity == null && set.ResourcePolicy == null)
        {
            error = $"{where}: give \"policies\" or \"resourcePolicy\"";
            return false;
        }
        if (known == null)
        {
            var all = new List<PolicyDocument>();
            foreach (var group in new[] { set.Identity, set.Boundaries, set.Scps, set.Rcps }) if (group != null) all.AddRange(group);
            if (set.ResourcePolicy != null) all.Add(set.ResourcePolicy);
            if (set.SessionPolicy != null) all.Add(set.SessionPolicy);
            if (Invalid(all) is { } invalid)
            {
                // A grammar message may quote a condition value: the external IDs among them are masked here.
                error = Engine.Proofs.Redact($"{where}: {invalid.Path}({invalid.Span.Line},{invalid.Span.Column}) {invalid.RuleId}: {invalid.Message}; no decision for a policy IAM rejects",
                    ExternalIds(all));
                return false;
            }
            BatchPolicies.Remember(line, obj);
        }
        if (!Text(obj, "action", where, required: true, out string? action, out error)) return false;
        if (!Text(obj, "resource", where, required: false, out string? resource, out error)) return false;
        if (!Text(obj, "principal", where, required: false, out string? principal, out error)) return false;
        var context = new RequestContext();
        var ctxNode = obj.Get("context");
        if (ctxNode != null)
        {
            if (ctxNode.Value is not SourceObject ctx)
            {
                error = $"{where}, column {ctxNode.Value.Span.Column}: \"context\" must be an object of key: value or [values]";
                return false;
            }
            foreach (var p in ctx.Properties)
            {
                var values = new List<string>();
                bool multi = false;
                if (p.Value is SourceArray arr)
                {
                    multi = true;
                    foreach (var item in arr.Items)
                    {
                        if (item is not SourceScalar s || s.Kind == NodeKind.Null)
                        {
                            error = $"{where}, column {item.Span.Column}: context values of {p.Name} must be strings, numbers or booleans";
                            return false;
                        }
                        values.Add(s.Text);
                    }
                }
                else if (p.Value is SourceScalar s && s.Kind != NodeKind.Null)
                {
                    values.Add(s.Text);
                }
                else
                {
                    error = $"{where}, column {p.Value.Span.Column}: the context value of {p.Name} must be a string, number, boolean or array";
                    return false;
                }
                context.Set(p.Name, new ContextValue(values.ToArray(), ContextType.String, multi));
            }
        }
        var caller = principal != null ? Caller(principal) : null;
        ContextArgs.AddPrincipalKeys(context, CallerKeys(caller));
        request = new EvalRequest(action!, resource ?? "*", caller, context);
        return true;
    }

    /// <summary>Where a name is in a short list of names (ordinal; Array.IndexOf's comparer costs more under NativeAOT), or -1.</summary>
    private static int IndexOf(string[] names, string name)
    {
        for (int i = 0; i < names.Length; i++) if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    [ThreadStatic] private static List<BatchPolicies.Member>? _members, _rest;
    /// <summary>This thread's last caller, by its text: consecutive lines mostly share it (a parsed caller is read-only).</summary>
    [ThreadStatic] private static CallerPrincipal? _caller;
    [ThreadStatic] private static string? _callerText;
    /// <summary>The context keys AWS derives from this thread's last caller (read-only, as it is).</summary>
    [ThreadStatic] private static KeyValuePair<string, ContextValue>[]? _callerKeys;

    private static CallerPrincipal Caller(string text)
    {
        if (_caller != null && string.Equals(_callerText, text, StringComparison.Ordinal)) return _caller;
        _callerText = text;
        _callerKeys = null;
        return _caller = CallerPrincipal.Parse(text);
    }

    /// <summary>The keys AWS derives from a caller <see cref="Caller"/> gave (or none), kept with it.</summary>
    private static KeyValuePair<string, ContextValue>[] CallerKeys(CallerPrincipal? caller)
        => caller == null ? Array.Empty<KeyValuePair<string, ContextValue>>() : _callerKeys ??= ContextArgs.PrincipalKeys(caller);

    /// <summary>A batch line's text; null where it is not UTF-8, and why (naming the column).</summary>
    private static string? Decode(ReadOnlySpan<byte> utf8, string where, out string? error)
    {
        error = null;
        var chars = BatchPolicies.Chars(utf8.Length);
        var status = System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done) return new string(chars, 0, written);
        error = $"{where}, column {written + 1}: not valid UTF-8 (byte 0x{utf8[read]:X2}); a batch is UTF-8 JSON lines";
        return null;
    }

    private static bool Text(SourceObject obj, string key, string where, bool required, out string? value, out string? error)
    {
        value = null;
        error = null;
        var p = obj.Get(key);
        if (p == null)
        {
            if (required) error = $"{where}: \"{key}\" is required";
            return !required;
        }
        if (p.Value is SourceScalar s && s.Kind == NodeKind.String && s.Text.Length > 0)
        {
            value = s.Text;
            return true;
        }
        error = $"{where}, column {p.Value.Span.Column}: \"{key}\" must be a non-empty string";
        return false;
    }

    /// <summary>The documents a known line had under the key, placed where this line has them; null when not known.</summary>
    private static PolicyDocument[]? Placed(SourceObject obj, BatchPolicies.Entry? known, string key, string where, bool array)
    {
        var docs = known?.ByKey[IndexOf(BatchPolicies.Keys, key)];
        if (docs == null) return null;
        var at = obj.Get(key)!.Value.Span;
        var placed = new PolicyDocument[docs.Length];
        for (int i = 0; i < docs.Length; i++) placed[i] = docs[i].At(where, key, array ? i : -1, at);
        return placed;
    }

    private static bool OneDoc(SourceObject obj, BatchPolicies.Entry? known, string key, string where, DocumentKind kind, out PolicyDocument? doc, out string? error)
    {
        doc = null;
        error = null;
        if (Placed(obj, known, key, where, array: false) is { } placed)
        {
            doc = placed[0];
            return true;
        }
        var p = obj.Get(key);
        if (p == null || p.Value.Kind == NodeKind.Null) return true;
        return AsDoc(p.Value, $"{where}: {key}", kind, out doc, out error);
    }

    private static bool Docs(SourceObject obj, BatchPolicies.Entry? known, string key, string where, DocumentKind kind, out IReadOnlyList<PolicyDocument> docs, out string? error)
    {
        error = null;
        if (Placed(obj, known, key, where, array: true) is { } placed)
        {
            docs = placed;
            return true;
        }
        var list = new List<PolicyDocument>();
        docs = list;
        var p = obj.Get(key);
        if (p == null) return true;
        if (p.Value is not SourceArray arr)
        {
            error = $"{where}, column {p.Value.Span.Column}: \"{key}\" must be an array of policy documents";
            return false;
        }
        for (int i = 0; i < arr.Items.Count; i++)
        {
            if (!AsDoc(arr.Items[i], $"{where}: {key}[{i}]", kind, out var doc, out error)) return false;
            list.Add(doc!);
        }
        return true;
    }

    private static bool AsDoc(SourceNode node, string label, DocumentKind kind, out PolicyDocument? doc, out string? error)
    {
        doc = null;
        error = null;
        if (node is not SourceObject)
        {
            error = $"{label} must be a policy document (a JSON object)";
            return false;
        }
        doc = PolicyReader.FromNode(label, node, null, kind, 0);
        if (!doc.HasStatement)
        {
            error = $"{label} is not an IAM policy (no Statement)";
            doc = null;
            return false;
        }
        return true;
    }
}
