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

/// <summary>What a --batch run found: lines rejected, and the lines (by id) whose decision missed its "expect".</summary>
public sealed class BatchSummary
{
    public int Errors { get; set; }
    public List<string> Mismatches { get; } = new List<string>();
}
