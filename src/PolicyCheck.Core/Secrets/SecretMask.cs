using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PolicyCheck.Secrets;

/// <summary>
/// The one redaction layer: everything PolicyCheck prints, logs or writes passes through <see cref="Apply"/>.
/// It masks the secrets it was told about (from the environment, the config, the credentials in use) and anything
/// shaped like a credential: Authorization headers, API-key headers, session tokens and secret keys in XML/JSON, Anthropic keys.
/// </summary>
public sealed class SecretMask
{
    public const string Mask = "****";
    private readonly List<string> _secrets = new List<string>();
    /// <summary>Secrets of 2–3 characters (IAM allows an external ID of 2): masked only where they stand alone.</summary>
    private readonly List<Regex> _short = new List<Regex>();
    private readonly object _gate = new object();

    private static readonly Regex[] Shapes =
    {
        new Regex(@"(?i)(authorization[""']?\s*[:=]\s*[""']?)(?:AWS4-HMAC-SHA256|Bearer|Basic)[^""'\r\n]*", RegexOptions.CultureInvariant),
        new Regex(@"(?i)((?:x-api-key|x-portkey-api-key|x-amz-security-token|aws_secret_access_key|aws_session_token)[""']?\s*[:=]\s*[""']?)[^\s""',;<]+", RegexOptions.CultureInvariant),
        new Regex(@"(?i)(<(?:SecretAccessKey|SessionToken)>)[^<]*", RegexOptions.CultureInvariant),
        new Regex(@"(?i)(""(?:SecretAccessKey|SessionToken|secret_access_key|session_token)""\s*:\s*"")[^""]*", RegexOptions.CultureInvariant),
        new Regex(@"()sk-ant-[A-Za-z0-9_\-]{8,}", RegexOptions.CultureInvariant),
    };

    /// <summary>Environment variables whose values are always masked.</summary>
    public static readonly string[] SecretVariables =
    {
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "PORTKEY_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AWS_API_KEY",
    };

    public static SecretMask FromEnvironment(Func<string, string?> env)
    {
        var mask = new SecretMask();
        foreach (var name in SecretVariables) mask.Add(env(name));
        return mask;
    }

    /// <summary>Masks this value from now on; a value of 2–3 characters only as a whole token (not inside words).</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret!.Length < 2) return;
        lock (_gate)
        {
            if (secret.Length < 4)
            {
                _short.Add(new Regex(@"(?<![A-Za-z0-9_\-])" + Regex.Escape(secret) + @"(?![A-Za-z0-9_\-])", RegexOptions.CultureInvariant));
                return;
            }
            if (_secrets.Contains(secret)) return;
            _secrets.Add(secret);
            // Longest first, so a secret that contains another is masked whole.
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        string result = text!;
        lock (_gate)
        {
            foreach (var s in _secrets) result = result.Replace(s, Mask);
            foreach (var r in _short) result = r.Replace(result, Mask);
        }
        foreach (var shape in Shapes) result = shape.Replace(result, "$1" + Mask);
        return result;
    }
}
