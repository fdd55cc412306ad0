using System;
using System.Collections.Generic;
using System.Text;

namespace PolicyCheck.Fuzz;

/// <summary>Seeded structure-aware mutations: bytes, JSON/YAML/IAM tokens, splices between seeds.</summary>
public sealed class Mutator
{
    private static readonly string[] Tokens =
    {
        "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u0000", "\\ud800", "\u0000", "\n", "\r\n", "\t", "null", "true", "1e999999", "-0", "0x1F",
        "\"Statement\"", "\"Version\":\"2012-10-17\"", "\"Effect\":\"Deny\"", "\"Action\":\"*\"", "\"NotAction\":[]", "\"Resource\":\"arn:aws:s3:::*\"",
        "\"Principal\":\"*\"", "\"Condition\":{}", "\"ForAllValues:StringLike\"", "\"NullIfExists\"", "\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/99\"}",
        "${aws:username}", "${*}", "${", "*", "?", "arn:", "sts:AssumeRole", "aws-external-anthropic:", "&a", "*a", "- ", ": ", "gateway:", "  ",
        "!Ref ", "'", "#", "\u00ff", "\ufeff", "[[[[[[[[[[[[[[[[[[[[", "}}}}}}}}}}",
    };

    private readonly Random _random;

    public Mutator(int seed) => _random = new Random(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(input);
        int rounds = 1 + _random.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            int at = data.Count == 0 ? 0 : _random.Next(data.Count + 1);
            switch (_random.Next(7))
            {
                case 0 when data.Count > 0:
                    int i = _random.Next(data.Count);
                    data[i] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                    break;
                case 2 when data.Count > 0:
                    int start = _random.Next(data.Count);
                    data.RemoveRange(start, Math.Min(data.Count - start, 1 + _random.Next(16)));
                    break;
                case 3 when data.Count > 0:
                    int from = _random.Next(data.Count);
                    int len = Math.Min(data.Count - from, 1 + _random.Next(64));
                    data.InsertRange(at, data.GetRange(from, len));
                    break;
                case 4 when seeds.Count > 0:
                    var other = seeds[_random.Next(seeds.Count)];
                    int cut = other.Length == 0 ? 0 : _random.Next(other.Length);
                    data.RemoveRange(at, data.Count - at);
                    for (int k = cut; k < other.Length; k++) data.Add(other[k]);
                    break;
                case 5:
                    data.Insert(at, (byte)_random.Next(256));
                    break;
                default:
                    if (data.Count > 0) data[_random.Next(data.Count)] = (byte)"{}[]\":,*?$\\"[_random.Next(11)];
                    break;
            }
        }
        return data.ToArray();
    }
}
