using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Inputs.Simulation;

namespace PolicyCheck.Cli.Output;

/// <summary>simulate --batch: the requests of a JSON-lines input, evaluated and written back as JSON lines.</summary>
public static class BatchSimulation
{
    /// <summary>
    /// --batch: JSON lines in, one request each; JSON lines out in the same order. A line it cannot take gets
    /// {"error": "..."} and the others go on. A line may carry "expect" (and "id"): its output says whether the
    /// decision met it.
    /// </summary>
    public static BatchSummary Run(TextReader input, TextWriter output)
    {
        var summary = new BatchSummary();
        // Answers are masked where they are made, on every core; the writer then only writes them.
        var masking = output as Secrets.MaskingWriter;
        var mask = masking?.Mask;
        var lines = new LineReader(input);
        // Two chunks in flight: while one is evaluated on every core, the next is read and the last one written.
        var reading = new Chunk();
        Chunk? evaluating = null;
        Task? running = null;
        int lineNo = 0;
        while (true)
        {
            bool end;
            try
            {
                end = reading.Fill(lines, ref lineNo);
            }
            catch (Exception) when (running != null)
            {
                Finish(running);
                evaluating!.Write(output, masking, summary);
                throw;
            }
            if (running != null) Finish(running);
            var done = evaluating;
            evaluating = null;
            running = null;
            if (reading.Count > 0)
            {
                var next = reading;
                running = Task.Run(() => next.Evaluate(mask));
                evaluating = next;
            }
            done?.Write(output, masking, summary);
            if (end)
            {
                if (running != null)
                {
                    Finish(running);
                    evaluating!.Write(output, masking, summary);
                }
                break;
            }
            reading = done ?? new Chunk();
        }
        return summary;
    }

    private static void Finish(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Up to <see cref="ChunkLines"/> lines (and <see cref="ChunkChars"/> characters) and their answers.</summary>
    private sealed class Chunk
    {
        private readonly List<(string Line, int No)> _lines = new List<(string Line, int No)>(ChunkLines);
        private readonly Answer[] _answers = new Answer[ChunkLines];

        public int Count => _lines.Count;

        /// <summary>Reads the next lines; true at the end of the input.</summary>
        public bool Fill(LineReader lines, ref int lineNo)
        {
            _lines.Clear();
            long chars = 0;
            while (_lines.Count < ChunkLines && chars < ChunkChars)
            {
                string? line = lines.Next(lineNo + 1);
                if (line == null) return true;
                lineNo++;
                if (line.Trim().Length == 0) continue;
                _lines.Add((line, lineNo));
                chars += line.Length;
            }
            return false;
        }

        public void Evaluate(Secrets.SecretMask? mask)
        {
            if (_lines.Count == 1 || Environment.ProcessorCount < 2)
            {
                for (int i = 0; i < _lines.Count; i++) _answers[i] = BatchSimulation.Evaluate(_lines[i].Line, _lines[i].No, mask);
            }
            else
            {
                Parallel.For(0, _lines.Count, i => _answers[i] = BatchSimulation.Evaluate(_lines[i].Line, _lines[i].No, mask));
            }
        }

        /// <summary>Writes the answers in the lines' order.</summary>
        public void Write(TextWriter output, Secrets.MaskingWriter? masking, BatchSummary summary)
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                if (_answers[i].Error) summary.Errors++;
                if (_answers[i].Missed != null) summary.Mismatches.Add(_answers[i].Missed!);
                if (masking != null) masking.WriteMaskedLine(_answers[i].Json);
                else output.WriteLine(_answers[i].Json);
                _answers[i] = default;
            }
            _lines.Clear();
        }
    }

    /// <summary>Lines per chunk, and characters: a chunk stays within a few MiB whatever the batch's size.</summary>
    private const int ChunkLines = 256;
    private const long ChunkChars = 8 * 1024 * 1024;

    private readonly struct Answer
    {
        public Answer(string json, bool error, string? missed)
        {
            Json = json;
            Error = error;
            Missed = missed;
        }

        public string Json { get; }
        public bool Error { get; }
        /// <summary>The id (or "line N") of a request whose decision missed its "expect".</summary>
        public string? Missed { get; }
    }

    /// <summary>Each thread's output buffer and writer, reused line after line.</summary>
    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;
    private static readonly Secrets.SecretMask NoSecrets = new Secrets.SecretMask();
    private static readonly JsonWriterOptions Options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Answer Evaluate(string line, int lineNo, Secrets.SecretMask? mask)
    {
        var buffer = _buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var w = _writer ??= new Utf8JsonWriter(buffer, Options);
        w.Reset(buffer);
        bool error = false;
        string? missed = null;
        Secrets.SecretMask? lineMask = null;
        if (Simulator.TryParseBatchLine(line, lineNo, out var set, out var request, out string? message, out var meta))
        {
            var result = new SimulationResult(request!, Evaluator.Evaluate(set!, request!));
            bool? met = meta.Expect != null ? Simulator.ExpectMet(meta.Expect, result.Result.Decision) : null;
            if (met == false) missed = meta.Id ?? $"line {lineNo}";
            // The whole answer is masked below, with the request's secrets too.
            var secrets = Simulator.Secrets(request!.Context, set!);
            if (Array.Exists(secrets, x => x != null && x.Length >= 2)) lineMask = (mask ?? NoSecrets).With(secrets);
            SimulationOutput.WriteJson(w, result, includeRequest: true, Proofs.Unmasked(result.Result, request), meta.Id, meta.Expect, met);
        }
        else
        {
            error = true;
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }
        w.Flush();
        string json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return new Answer((lineMask ?? mask ?? NoSecrets).Apply(json), error, missed);
    }

    /// <summary>At most this many characters in one batch line (a request with its policies).</summary>
    public const int MaxLineChars = 4 * 1024 * 1024;

    /// <summary>Lines of at most <see cref="MaxLineChars"/>, read in blocks: /dev/zero or a file without line breaks must not fill memory.</summary>
    private sealed class LineReader
    {
        private readonly TextReader _input;
        private readonly char[] _block = new char[1 << 16];
        private int _pos, _len;
        private bool _end;
        private readonly StringBuilder _long = new StringBuilder();

        public LineReader(TextReader input) => _input = input;

        public string? Next(int lineNo)
        {
            _long.Clear();
            while (true)
            {
                if (_pos == _len)
                {
                    if (_end || !Fill()) return _long.Length > 0 ? _long.ToString() : null;
                    continue;
                }
                int nl = Array.IndexOf(_block, '\n', _pos, _len - _pos);
                int cr = Array.IndexOf(_block, '\r', _pos, (nl < 0 ? _len : nl) - _pos);
                int stop = cr >= 0 ? cr : nl;
                int take = (stop < 0 ? _len : stop) - _pos;
                if (_long.Length + take > MaxLineChars) throw new InvalidDataException($"line {lineNo} is longer than {MaxLineChars / (1024 * 1024)} MiB; a batch line is one request");
                if (stop < 0)
                {
                    _long.Append(_block, _pos, take);
                    _pos = _len;
                    continue;
                }
                string line = _long.Length == 0 ? new string(_block, _pos, take) : _long.Append(_block, _pos, take).ToString();
                _pos = stop + 1;
                if (_block[stop] == '\r')
                {
                    if (_pos == _len) Fill();
                    if (_pos < _len && _block[_pos] == '\n') _pos++;
                }
                return line;
            }
        }

        private bool Fill()
        {
            _pos = 0;
            _len = _input.Read(_block, 0, _block.Length);
            if (_len <= 0)
            {
                _len = 0;
                _end = true;
                return false;
            }
            return true;
        }
    }
}
