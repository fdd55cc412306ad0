using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyCheck.Diff;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs.Diff;

/// <summary>`policycheck diff`: reads BASE and HEAD like lint does, matches their roles, and compares each by evaluation.</summary>
public static class DiffRunner
{
    public static DiffReport Run(DiffRequest request, ServiceFacts facts, RuleIndex catalog, AwsCatalog? aws)
    {
        var result = new DiffReport();
        GitTree? tree = null;
        try
        {
            var basePaths = request.BasePaths;
            Func<string, string> baseShown = p => p;
            if (request.GitRef != null)
            {
                tree = GitTree.Checkout(request.Git, request.GitRef, request.HeadPaths, result.Report.Problems);
                if (tree == null) return result;
                basePaths = tree.Paths;
                baseShown = tree.Shown;
            }
            var head = Read(request, request.HeadPaths, null, true, facts, catalog);
            foreach (var p in head.Report.Problems) result.Report.Problems.Add(p);
            if (head.Config == null) return result;
            var @base = Read(request, basePaths, head.Report.ConfigPath, false, facts, catalog);
            foreach (var p in @base.Report.Problems) result.Report.Problems.Add(p.In(baseShown(p.Path)));
            if (@base.Config == null) return result;
            result.Report.ConfigPath = head.Report.ConfigPath;
            result.Report.HelpUriBase = head.Report.HelpUriBase;
            result.Report.Secrets.AddRange(head.Report.Secrets);
            result.Report.Secrets.AddRange(@base.Report.Secrets);
            result.Report.PoliciesChecked = head.Report.PoliciesChecked + @base.Report.PoliciesChecked;
            result.Report.FilesRead = head.Report.FilesRead + @base.Report.FilesRead;
            result.BasePolicies = @base.Report.PoliciesChecked;
            result.HeadPolicies = head.Report.PoliciesChecked;

            var headRoles = Keyed(head.Roles, request.GitRef != null ? tree!.Top : Root(request.HeadPaths));
            var baseRoles = Keyed(@base.Roles, request.GitRef != null ? tree!.Root : Root(basePaths));
            var incomplete = new HashSet<string>(StringComparer.Ordinal);
            Unparsed(headRoles, p => p, result.Report.Problems, incomplete);
            Unparsed(baseRoles, baseShown, result.Report.Problems, incomplete);

            var universe = new ActionUniverse(facts, aws);
            var diff = new AccessDiff(head.Config, facts, catalog, universe, DateTime.UtcNow, baseShown);
            var keys = headRoles.Keys.Concat(baseRoles.Keys.Where(k => !headRoles.ContainsKey(k))).ToList();
            foreach (var key in keys)
            {
                if (incomplete.Contains(key)) continue;
                headRoles.TryGetValue(key, out var after);
                baseRoles.TryGetValue(key, out var before);
                result.RolesCompared++;
                if (before == null) result.RolesAdded++;
                else if (after == null) result.RolesRemoved++;
                else if (!AccessDiff.SameText(before, after)) result.RolesChanged++;
                result.Report.Diagnostics.AddRange(diff.Compare(before, after));
            }
            result.Evaluations = diff.Evaluations;
            result.Expansions = universe.Expansions;
            return result;
        }
        finally
        {
            tree?.Dispose();
        }
    }

    private static LintInput Read(DiffRequest request, List<string> paths, string? configPath, bool head, ServiceFacts facts, RuleIndex catalog)
    {
        var r = new LintRequest
        {
            ConfigPath = head ? request.ConfigPath : configPath,
            SearchConfig = head,
            SettingsPath = request.SettingsPath,
            ParametersPath = request.ParametersPath,
            Environment = request.Environment,
        };
        r.Paths.AddRange(paths);
        r.Context.AddRange(request.Context);
        return LintRunner.Read(r, facts, catalog);
    }

    /// <summary>The folder role keys are relative to: the folder given, or the folder of the file given.</summary>
    private static (string Folder, bool IsFile) Root(List<string> paths)
    {
        string first = paths.Count > 0 ? Path.GetFullPath(paths[0]) : Directory.GetCurrentDirectory();
        if (Directory.Exists(first)) return (first, false);
        return (Path.GetDirectoryName(first) ?? first, true);
    }

    /// <summary>
    /// A role's identity across the two versions: its folder relative to the root for policy folders; the template or
    /// plan file relative to the root plus the logical ID or address otherwise (the file alone when one file is given).
    /// </summary>
    private static Dictionary<string, RoleGroup> Keyed(List<RoleGroup> roles, (string Folder, bool IsFile) root)
    {
        var keyed = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            string key;
            if (Path.IsPathRooted(role.Name)) key = root.IsFile ? "." : Relative(root.Folder, role.Name);
            else
            {
                string? file = role.Documents.Count > 0 ? role.Documents[0].Path : null;
                key = (root.IsFile || file == null ? string.Empty : Relative(root.Folder, file)) + "#" + role.Name;
            }
            string unique = key;
            for (int n = 2; keyed.ContainsKey(unique); n++) unique = key + "#" + n;
            keyed[unique] = role;
        }
        return keyed;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');

    /// <summary>A role with a policy that did not parse is left out of the diff (its problem says where), never compared half-read.</summary>
    private static void Unparsed(Dictionary<string, RoleGroup> roles, Func<string, string> shown, List<Problem> problems, HashSet<string> incomplete)
    {
        foreach (var kv in roles)
        {
            foreach (var doc in kv.Value.Documents)
            {
                var syntax = doc.ParseIssues.Find(i => i.Kind == ProblemKind.Syntax || i.Kind == ProblemKind.Error);
                if (doc.IsParsed && syntax == null) continue;
                incomplete.Add(kv.Key);
                string why = syntax?.Message ?? "the policy could not be read";
                problems.Add(Problem.Input(shown(doc.Path), $"{why}; the role {kv.Key.TrimStart('#')} is left out of the diff", syntax != null ? doc.InFile(syntax.Span) : null));
                break;
            }
        }
    }
}
