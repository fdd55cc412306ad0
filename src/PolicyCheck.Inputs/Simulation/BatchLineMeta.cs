using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyCheck.Config;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Facts;
using PolicyCheck.Json;
using PolicyCheck.Model;
using PolicyCheck.Rules.Grammar;

namespace PolicyCheck.Inputs.Simulation;

/// <summary>The optional "id" and "expect" of a --batch line.</summary>
public readonly struct BatchLineMeta
{
    public BatchLineMeta(string? id, string? expect)
    {
        Id = id;
        Expect = expect;
    }

    public string? Id { get; }
    public string? Expect { get; }
}
