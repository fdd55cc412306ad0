using System;
using System.Collections.Generic;
using System.IO;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Facts;
using PolicyCheck.Inputs.CloudFormation;
using PolicyCheck.Inputs.Terraform;
using PolicyCheck.Json;
using PolicyCheck.Model;

namespace PolicyCheck.Inputs;

/// <summary>A candidate policy file and whether the user named it directly.</summary>
public sealed class PolicyFile
{
    public PolicyFile(string path, bool explicitlyNamed, bool regular = false, string? folder = null)
    {
        Path = path;
        ExplicitlyNamed = explicitlyNamed;
        Regular = regular;
        _folder = folder;
    }

    private readonly string? _folder;

    /// <summary>The folder whose role the file joins (<see cref="RoleReader.FolderOf(string, string)"/>): as the folder walk that found it gave it, else worked out against <paramref name="cwd"/>.</summary>
    public string FolderIn(string cwd) => _folder ?? RoleReader.FolderOf(Path, cwd);

    public string Path { get; }
    public bool ExplicitlyNamed { get; }
    /// <summary>The folder listing found a regular file (not a link, FIFO or device): reading it needs no check of its type.</summary>
    public bool Regular { get; }
}

/// <summary>What a template's folder says about it (a CDK assembly's manifest): its account, region and construct paths.</summary>
public interface ITemplateContext
{
    (string? Account, string? Region) Environment(string templateFile);
    string? ConstructPath(string templateFile, string logicalId);
}

/// <summary>
/// read → model: files (policies, CloudFormation templates in JSON or YAML, Terraform plans) into roles, as `lint`
/// reads them and as the analyzers read a project's policy files; policies in one folder are one role.
/// </summary>
public sealed class RoleReader
{
    /// <summary>Templates nest deeper than policies: a template gets the resolver's own limit and message.</summary>
    public const int TemplateDepth = 1024;

    private readonly GatewayConfig _config;
    private readonly ServiceFacts _facts;
    private readonly Dictionary<string, string> _parameters;
    private readonly LintReport _report;
    private readonly DeployTimeValues _unknowns;
    private readonly ManagedPolicies _managed;
    private readonly Dictionary<string, RoleGroup> _folders = new Dictionary<string, RoleGroup>(StringComparer.Ordinal);

    public RoleReader(GatewayConfig config, ServiceFacts facts, Dictionary<string, string> parameters, LintReport report, DeployTimeValues unknowns, ManagedPolicies managed)
    {
        _config = config;
        _facts = facts;
        _parameters = parameters;
        _report = report;
        _unknowns = unknowns;
        _managed = managed;
    }

    /// <summary>--kind: read every policy as this kind.</summary>
    public DocumentKind? Kind { get; set; }
    /// <summary>The context of a template's folder (a CDK assembly), or null; none when not set.</summary>
    public Func<string, ITemplateContext?>? Beside { get; set; }
    /// <summary>The roles read so far, in the order their first file came.</summary>
    public List<RoleGroup> Roles { get; } = new List<RoleGroup>();

    /// <summary>YAML files are read as CloudFormation templates.</summary>
    public static bool IsYaml(string path)
        => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
           || path.EndsWith(".template", StringComparison.OrdinalIgnoreCase);

    /// <summary>A JSON file read ahead (on another core): what <see cref="Add"/> would read from it. Null for YAML.</summary>
    public JsonInput? Parse(PolicyFile file, byte[] bytes) => IsYaml(file.Path) ? null : InputReader.ReadJson(file.Path, bytes, Kind, TemplateDepth);

    public void Add(PolicyFile file, byte[] bytes, JsonInput? parsed = null)
    {
        if (IsYaml(file.Path))
        {
            var templateRoles = ReadYamlTemplate(file, bytes);
            if (templateRoles != null) Roles.AddRange(templateRoles);
            return;
        }
        _report.FilesRead++;
        var input = parsed ?? InputReader.ReadJson(file.Path, bytes, Kind, TemplateDepth);
        var doc = input.Policy;
        if (input.Format == InputFormat.Template)
        {
            var strict = doc.ParseIssues.Find(i => i.Kind != ProblemKind.EncodingNote);
            if (strict != null)
            {
                string why = strict.Kind == ProblemKind.DuplicateKey ? strict.Message.Split(';')[0] + "; CloudFormation rejects the template" : strict.Message;
                _report.Problems.Add(Problem.Input(file.Path, "not a valid CloudFormation template: " + why, strict.Span));
                return;
            }
            Roles.AddRange(ReadTemplate(file.Path, input.Text, (SourceObject)doc.Root!));
            return;
        }
        if (input.Format == InputFormat.Plan)
        {
            var planRoles = TerraformPlan.Read(file.Path, input.Text, (SourceObject)doc.Root!, _config, _facts, _managed, _report.Problems, _report.InlineSuppressions);
            _report.Generated[file.Path] = "a Terraform plan, which `terraform plan` writes";
            foreach (var r in planRoles)
            {
                _report.PoliciesChecked += r.Documents.Count;
                Roles.Add(r);
            }
            return;
        }
        if (!file.ExplicitlyNamed && doc.IsParsed && !PolicyReader.LooksLikePolicy(doc.Root))
        {
            _report.FilesSkipped++;
            return;
        }
        _report.PoliciesChecked++;
        _report.FixablePaths.Add(file.Path);
        string dir = file.FolderIn(_cwd);
        if (!_folders.TryGetValue(dir, out var role))
        {
            role = new RoleGroup(dir);
            foreach (var m in _config.ManagedPolicies)
            {
                var fact = _facts.FindManagedPolicy(m.Value)!;
                role.ManagedPolicies.Add(new AttachedManagedPolicy(fact, _managed.Document(m.Value)!, m));
            }
            _folders[dir] = role;
            Roles.Add(role);
        }
        role.Documents.Add(doc);
    }

    /// <summary>The external IDs of every policy read, as secrets of the report: no output prints them.</summary>
    public void AddSecrets()
    {
        foreach (var role in Roles) AddSecrets(role);
    }

    private void AddSecrets(RoleGroup role)
    {
        foreach (var doc in role.Documents) _report.Secrets.AddRange(doc.ExternalIds());
    }

    /// <summary>
    /// Hands over the roles at the front of <see cref="Roles"/> that no later file can add to (a folder's role once
    /// <paramref name="folderDone"/> says its last file was read; a template's roles at once), in order, with their
    /// secrets added to the report; the reader keeps no reference to them.
    /// </summary>
    public List<RoleGroup> TakeFinished(Func<string, bool> folderDone)
    {
        int n = 0;
        while (n < Roles.Count && (!_folders.TryGetValue(Roles[n].Name, out var open) || !ReferenceEquals(open, Roles[n]) || folderDone(Roles[n].Name))) n++;
        var taken = Roles.GetRange(0, n);
        Roles.RemoveRange(0, n);
        foreach (var role in taken)
        {
            if (_folders.TryGetValue(role.Name, out var open) && ReferenceEquals(open, role)) _folders.Remove(role.Name);
            AddSecrets(role);
        }
        return taken;
    }

    /// <summary>The folder whose role a policy file joins.</summary>
    public static string FolderOf(string path) => FolderOf(path, Directory.GetCurrentDirectory());

    /// <summary>The same, against a working folder asked for once (not once per file).</summary>
    public static string FolderOf(string path, string cwd) => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(cwd, path))) ?? ".";

    private readonly string _cwd = Directory.GetCurrentDirectory();

    private List<RoleGroup>? ReadYamlTemplate(PolicyFile file, byte[] bytes)
    {
        var issues = new List<Problem>();
        string? text = SourceDecoder.Decode(bytes, issues);
        if (text == null)
        {
            if (file.ExplicitlyNamed) _report.Problems.Add(Problem.Input(file.Path, issues.Count > 0 ? issues[0].Message : "not valid UTF-8 text", issues.Count > 0 ? issues[0].Span : (SourceSpan?)null));
            else _report.FilesSkipped++;
            return null;
        }
        if (!file.ExplicitlyNamed && !CloudFormationTemplate.LooksLikeYamlTemplate(text))
        {
            _report.FilesSkipped++;
            return null;
        }
        _report.FilesRead++;
        var root = TemplateYaml.Load(text, out var failure);
        if (failure != null)
        {
            _report.Problems.Add(Problem.Input(file.Path, failure.Message, failure.Span));
            return null;
        }
        if (!CloudFormationTemplate.Looks(root))
        {
            if (file.ExplicitlyNamed) _report.Problems.Add(Problem.Input(file.Path, "a YAML file is read as a CloudFormation template, and this one has no Resources with a Type"));
            else _report.FilesSkipped++;
            return null;
        }
        return ReadTemplate(file.Path, text, (SourceObject)root!);
    }

    private List<RoleGroup> ReadTemplate(string path, string text, SourceObject root)
    {
        var given = new Dictionary<string, string>(_parameters, StringComparer.Ordinal);
        var cdk = Beside?.Invoke(path);
        string templateFile = Path.GetFileName(path);
        if (cdk != null)
        {
            var (account, region) = cdk.Environment(templateFile);
            if (account != null && !given.ContainsKey("AWS::AccountId")) given["AWS::AccountId"] = account;
            if (region != null && !given.ContainsKey("AWS::Region")) given["AWS::Region"] = region;
        }
        string? ConstructPath(string logicalId, SourceObject resource) => CloudFormationTemplate.CdkPath(resource) ?? cdk?.ConstructPath(templateFile, logicalId);
        var read = CloudFormationTemplate.Read(path, text, root, given, _config, _facts, _managed, _report.Problems, ConstructPath);
        _report.PoliciesChecked += read.Policies;
        if (cdk == null) _report.FixablePaths.Add(path);
        else _report.Generated[path] = "a template in a CDK assembly, which the next `cdk synth` overwrites";
        _report.Secrets.AddRange(read.Secrets);
        _report.InlineSuppressions.AddRange(read.Suppressions);
        if (read.UnknownSpans.Count > 0)
        {
            // The same template with "*" for every unknown value: a finding that goes away there depends on the unknowns.
            var optimisticRead = CloudFormationTemplate.Read(path, text, root, given, _config, _facts, _managed, new List<Problem>(), ConstructPath, optimistic: true);
            foreach (var r in optimisticRead.Roles) r.Unresolved.Clear();
            _unknowns.Optimistic.AddRange(optimisticRead.Roles);
            if (!_unknowns.Spans.TryGetValue(path, out var list)) _unknowns.Spans[path] = list = new List<SourceSpan>();
            list.AddRange(read.UnknownSpans);
        }
        return read.Roles;
    }
}
