using System;
using System.Collections.Generic;
using PolicyCheck.Engine;
using PolicyCheck.Json;
using PolicyCheck.Rules;

namespace PolicyCheck.Inputs;

public sealed class LintReport
{
    public List<Diagnostic> Diagnostics { get; } = new List<Diagnostic>();
    /// <summary>Inputs that could not be used: unreadable files, bad options (exit 2), and config errors (PC4001: nothing is linted).</summary>
    public List<Problem> Problems { get; } = new List<Problem>();
    /// <summary>True when policycheck.yml or the settings file is invalid: nothing was linted.</summary>
    public bool ConfigInvalid => Problems.Exists(p => p.RuleId == RuleIds.ConfigInvalid);
    public string? ConfigPath { get; set; }
    public int FilesRead { get; set; }
    public int PoliciesChecked { get; set; }
    public int FilesSkipped { get; set; }
    /// <summary>Files lint --fix may change (JSON policies and CloudFormation templates), as findings name them.</summary>
    public HashSet<string> FixablePaths { get; } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>Inputs another tool writes (a CDK assembly's templates, Terraform plans), with what they are: --fix never edits them.</summary>
    public Dictionary<string, string> Generated { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Values from the config that must never be printed (the external ID).</summary>
    public List<string> Secrets { get; } = new List<string>();
    /// <summary>Suppressions written in the templates and plans read (Metadata.policycheck, policycheck:suppress tags).</summary>
    public List<InlineSuppression> InlineSuppressions { get; } = new List<InlineSuppression>();
    /// <summary>lint --baseline was given: SARIF results carry baselineState.</summary>
    public bool BaselineUsed { get; set; }
    /// <summary>The baseline policycheck.yml names (baseline:), if any.</summary>
    public string? ConfiguredBaseline { get; set; }
    /// <summary>Each role linted with the rules that ran on it, in the roles' order (the JUnit report's test cases).</summary>
    public List<RoleChecks> Checked { get; } = new List<RoleChecks>();
    /// <summary>The base of the rules' help links policycheck.yml gives (helpUri:), if any.</summary>
    public string? HelpUriBase { get; set; }

    /// <summary>The catalogue as the report's help links should name it.</summary>
    public PolicyCheck.Facts.RuleIndex Links(PolicyCheck.Facts.RuleIndex catalog)
        => HelpUriBase != null ? new PolicyCheck.Facts.RuleIndex(HelpUriBase, catalog.Rules) : catalog;
}

/// <summary>A role lint checked (a folder, or a resource of <see cref="File"/>) and the rules that ran on it.</summary>
public sealed class RoleChecks
{
    public RoleChecks(string role, string? file, IReadOnlyList<string> ruleIds)
    {
        Role = role;
        File = file;
        RuleIds = ruleIds;
    }

    public string Role { get; }
    public string? File { get; }
    public IReadOnlyList<string> RuleIds { get; }
}
