using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyCheck.Engine;
using PolicyCheck.Evaluation;
using PolicyCheck.Inputs;
using PolicyCheck.Inputs.Simulation;

namespace PolicyCheck.Cli.Output;

/// <summary>simulate --batch: the requests of a JSON-lines input, evaluated and written back as JSON lines.</summary>
public static class BatchSimulation
{
    /// <summary>
    /// --batch: UTF-8 JSON lines in, one request each; JSON lines out in the same order. A line it cannot take gets
    /// {"error": "..."} and the others go on. A line may carry "expect" (and "id"): its output says whether the
    /// decision met it.
    /// </summary>
    public static BatchSummary Run(Stream input, TextWriter output)
    {
        var lines = new LineReader(input);
        // Answers are masked where they are made, on every core; the writer then only writes them.
        var masking = output as Secrets.MaskingWriter;
        var mask = masking?.Mask;
        var summary = new BatchSummary();
        var free = new Stack<Chunk>();
        int lineNo = 0;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? readFailure = null;
        OrderedWork<Chunk>? run = null;
        // Chunks of lines: read in order, evaluated on every core, written in order; a few per core at a time.
        run = new OrderedWork<Chunk>(OrderedWork<Chunk>.Unknown, Workers + 1,
            unit =>
            {
                Chunk chunk;
                lock (free) chunk = free.Count > 0 ? free.Pop() : new Chunk();
                chunk.Unit = unit;
                return chunk;
            },
            chunk =>
            {
                bool end;
                try
                {
                    end = chunk.Fill(lines, ref lineNo);
                }
                catch (Exception e)
                {
                    // The lines read before the failure are answered; then the run fails with it.
                    end = true;
                    readFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
                if (end) run!.EndAfter(chunk.Unit);
            },
            chunk => chunk.Evaluate(mask),
            chunk =>
            {
                chunk.Write(output, masking, summary);
                lock (free) free.Push(chunk);
            });
        run.Run(Workers);
        readFailure?.Throw();
        return summary;
    }

    private static int Workers => Math.Clamp(Environment.ProcessorCount, 1, 64);

    /// <summary>A batch given as text (a caller's reader): read as the UTF-8 it encodes to, as it comes.</summary>
    public static BatchSummary Run(TextReader input, TextWriter output) => Run(new Utf8Reading(input), output);

    /// <summary>
    /// A text reader as a stream of UTF-8 bytes (read only, forward only). A lone surrogate has no UTF-8: it is given
    /// its generalized UTF-8 bytes (0xED …), which no UTF-8 reader accepts, so its line gets an error naming the
    /// column, as the same line's bytes would, instead of a replacement character.
    /// </summary>
    private sealed class Utf8Reading : Stream
    {
        private readonly TextReader _reader;
        private readonly char[] _chars = new char[1 << 14];
        private int _pos, _len;
        private bool _end;

        public Utf8Reading(TextReader reader) => _reader = reader;

        /// <summary>Reads more text after what is left (a high surrogate that ended the last block).</summary>
        private void Fill()
        {
            int kept = _len - _pos;
            Array.Copy(_chars, _pos, _chars, 0, kept);
            int n = _reader.Read(_chars, kept, _chars.Length - kept);
            (_pos, _len, _end) = (0, kept + Math.Max(n, 0), n <= 0);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (count < 4) throw new ArgumentOutOfRangeException(nameof(count), "room for one character (4 bytes) is needed");
            var into = buffer.AsSpan(offset, count);
            int written = 0;
            while (written + 4 <= into.Length)
            {
                if (_pos == _len || (!_end && _len - _pos == 1 && char.IsHighSurrogate(_chars[_pos])))
                {
                    if (_end) break;
                    Fill(); // a high surrogate left at the block's end may pair with the next block's first character
                    continue;
                }
                var status = System.Text.Unicode.Utf8.FromUtf16(_chars.AsSpan(_pos, _len - _pos), into.Slice(written), out int read, out int made, replaceInvalidSequences: false, isFinalBlock: _end);
                _pos += read;
                written += made;
                if (status == OperationStatus.InvalidData && written + 3 <= into.Length)
                {
                    int c = _chars[_pos++];
                    into[written++] = (byte)(0xE0 | (c >> 12));
                    into[written++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    into[written++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (status != OperationStatus.NeedMoreData) break; // done, or the buffer is full
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Up to <see cref="ChunkLines"/> lines (and <see cref="ChunkBytes"/> bytes), kept in one reused buffer, and their answers in another.</summary>
    private sealed class Chunk
    {
        private byte[] _bytes = new byte[InitialBytes];

        /// <summary>The chunk's place in the run.</summary>
        public int Unit { get; set; }
        private int _used;
        private readonly List<(int Start, int Length, int No)> _lines = new List<(int Start, int Length, int No)>(ChunkLines);
        private readonly Answer[] _answers = new Answer[ChunkLines];
        /// <summary>The answers as UTF-8, one after another, reused chunk after chunk.</summary>
        private AnswerBuffer _json = new AnswerBuffer(InitialBytes);

        public int Count => _lines.Count;

        /// <summary>Reads the next lines; true at the end of the input.</summary>
        public bool Fill(LineReader lines, ref int lineNo)
        {
            _lines.Clear();
            _used = 0;
            while (_lines.Count < ChunkLines && _used < ChunkBytes)
            {
                if (!lines.Next(lineNo + 1, out var line)) return true;
                lineNo++;
                if (line.IsEmpty) continue;
                if (_used + line.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + line.Length));
                line.CopyTo(_bytes.AsSpan(_used));
                _lines.Add((_used, line.Length, lineNo));
                _used += line.Length;
            }
            return false;
        }

        public void Evaluate(Secrets.SecretMask? mask)
        {
            _json.Clear();
            for (int i = 0; i < _lines.Count; i++)
                _answers[i] = BatchSimulation.Evaluate(_bytes.AsSpan(_lines[i].Start, _lines[i].Length), _lines[i].No, mask, _json);
        }

        /// <summary>Writes the answers in the lines' order.</summary>
        public void Write(TextWriter output, Secrets.MaskingWriter? masking, BatchSummary summary)
        {
            var writer = masking?.ForMaskedOutput() ?? output;
            var utf8 = writer as Utf8Output;
            for (int i = 0; i < _lines.Count; i++)
            {
                var a = _answers[i];
                _answers[i] = default;
                if (!a.Present) continue;
                if (a.Error) summary.Errors++;
                if (a.Missed != null) summary.Mismatches.Add(a.Missed);
                var json = _json.Slice(a.Start, a.Length);
                if (utf8 != null) utf8.WriteUtf8Line(json);
                else writer.WriteLine(Encoding.UTF8.GetString(json));
            }
            _lines.Clear();
            // What long lines or answers grew is let go: a chunk keeps only what common lines need.
            if (_json.Capacity > 4 * ChunkBytes) _json = new AnswerBuffer(InitialBytes);
            if (_bytes.Length > 2 * ChunkBytes) _bytes = new byte[InitialBytes];
        }
    }

    /// <summary>A chunk's answers as UTF-8, written one after another by a JSON writer; the last one can be rewritten (masked).</summary>
    private sealed class AnswerBuffer : IBufferWriter<byte>
    {
        private byte[] _buffer;
        private int _used;

        public AnswerBuffer(int capacity) => _buffer = new byte[capacity];

        public int Capacity => _buffer.Length;
        public int Used => _used;

        public void Clear() => _used = 0;

        /// <summary>Drops what was written from <paramref name="start"/> on.</summary>
        public void Truncate(int start) => _used = start;

        public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

        public void Advance(int count) => _used += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            MakeRoom(sizeHint);
            return _buffer.AsMemory(_used);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            MakeRoom(sizeHint);
            return _buffer.AsSpan(_used);
        }

        private void MakeRoom(int sizeHint)
        {
            int need = Math.Max(sizeHint, 256);
            if (_buffer.Length - _used < need) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + need));
        }
    }

    /// <summary>A chunk's buffers to begin with: room for its lines and answers of common size.</summary>
    private const int InitialBytes = 256 * 1024;

    /// <summary>Lines per chunk, and bytes: a chunk stays within a few MiB whatever the batch's size.</summary>
    private const int ChunkLines = 256;
    private const int ChunkBytes = 8 * 1024 * 1024;

    /// <summary>What one line's answer (its masked UTF-8 is in the chunk, where it says) tells the summary; none for a blank line.</summary>
    private readonly struct Answer
    {
        public Answer(bool error, string? missed, int start, int length)
        {
            Present = true;
            Error = error;
            Missed = missed;
            Start = start;
            Length = length;
        }

        public bool Present { get; }
        public bool Error { get; }
        /// <summary>The id (or "line N") of a request whose decision missed its "expect".</summary>
        public string? Missed { get; }
        public int Start { get; }
        public int Length { get; }
    }

    /// <summary>Each thread's writer, reused line after line.</summary>
    [ThreadStatic] private static Utf8JsonWriter? _writer;
    private static readonly Secrets.SecretMask NoSecrets = new Secrets.SecretMask();
    private static readonly JsonWriterOptions Options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The answer to one line, written masked into <paramref name="buffer"/>.</summary>
    private static Answer Evaluate(ReadOnlySpan<byte> utf8, int lineNo, Secrets.SecretMask? mask, AnswerBuffer buffer)
    {
        var w = _writer ??= new Utf8JsonWriter(buffer, Options);
        w.Reset(buffer);
        int start = buffer.Used;
        bool error = false;
        string? missed = null;
        Secrets.SecretMask? lineMask = null;
        if (Blank(utf8)) return default;
        if (Simulator.TryParseBatchLine(utf8, lineNo, out var set, out var request, out string? message, out var meta))
        {
            var result = new SimulationResult(request!, Evaluator.Evaluate(set!, request!));
            bool? met = meta.Expect != null ? Simulator.ExpectMet(meta.Expect, result.Result.Decision) : null;
            if (met == false) missed = meta.Id ?? $"line {lineNo}";
            // The whole answer is masked below, with the request's secrets too.
            var secrets = Simulator.Secrets(request!.Context, set!);
            if (Array.Exists(secrets, x => x != null && x.Length >= 2)) lineMask = (mask ?? NoSecrets).With(secrets);
            SimulationOutput.WriteJson(w, result, includeRequest: true, trace: null, meta.Id, meta.Expect, met);
        }
        else
        {
            error = true;
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }
        w.Flush();
        var written = buffer.Slice(start, buffer.Used - start);
        var lineOrRunMask = lineMask ?? mask ?? NoSecrets;
        // Most answers have nothing to mask: their bytes stay as written, and no string is made of them.
        if (!lineOrRunMask.Changes(written)) return new Answer(error, missed, start, written.Length);
        string masked = lineOrRunMask.Apply(Encoding.UTF8.GetString(written));
        buffer.Truncate(start);
        buffer.Advance(Encoding.UTF8.GetBytes(masked, buffer.GetSpan(Encoding.UTF8.GetByteCount(masked))));
        return new Answer(error, missed, start, buffer.Used - start);
    }

    /// <summary>Whether the line is only white space (as string.Trim sees it): such a line gets no answer.</summary>
    private static bool Blank(ReadOnlySpan<byte> utf8)
    {
        foreach (byte b in utf8)
        {
            if (b == ' ' || b == '\t' || b == '\v' || b == '\f') continue;
            if (b < 0x80) return false;
            // Beyond ASCII (a no-break space, an ideographic space): the text decides.
            return Encoding.UTF8.GetString(utf8).Trim().Length == 0;
        }
        return true;
    }

    /// <summary>At most this many bytes in one batch line (a request with its policies).</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    /// <summary>Lines of at most <see cref="MaxLineBytes"/> bytes, read in blocks: /dev/zero or a file without line breaks must not fill memory.</summary>
    private sealed class LineReader
    {
        private readonly Stream _input;
        private readonly byte[] _block = new byte[1 << 16];
        private int _pos, _len;
        private bool _end, _started;
        /// <summary>A line ended at '\r': a '\n' right after it belongs to it.</summary>
        private bool _afterCr;
        private byte[] _long = Array.Empty<byte>();
        private int _longUsed;

        public LineReader(Stream input) => _input = input;

        /// <summary>The next line without its end, valid until the next call; false at the end of the input.</summary>
        public bool Next(int lineNo, out ReadOnlySpan<byte> line)
        {
            _longUsed = 0;
            while (true)
            {
                if (_pos == _len)
                {
                    if (_end || !Fill())
                    {
                        line = _long.AsSpan(0, _longUsed);
                        return _longUsed > 0;
                    }
                    continue;
                }
                if (_afterCr)
                {
                    _afterCr = false;
                    if (_block[_pos] == '\n' && ++_pos == _len) continue;
                }
                var rest = _block.AsSpan(_pos, _len - _pos);
                int stop = rest.IndexOfAny((byte)'\n', (byte)'\r');
                int take = stop < 0 ? rest.Length : stop;
                if (_longUsed + take > MaxLineBytes) throw new InvalidDataException($"line {lineNo} is longer than {MaxLineBytes / (1024 * 1024)} MiB; a batch line is one request");
                if (stop < 0)
                {
                    if (_longUsed + take > _long.Length) Array.Resize(ref _long, Math.Max(_long.Length * 2, Math.Max(_longUsed + take, 1 << 16)));
                    rest.CopyTo(_long.AsSpan(_longUsed));
                    _longUsed += take;
                    _pos = _len;
                    continue;
                }
                _afterCr = rest[stop] == '\r';
                _pos += stop + 1;
                if (_longUsed == 0)
                {
                    line = rest.Slice(0, take);
                    return true;
                }
                if (_longUsed + take > _long.Length) Array.Resize(ref _long, _longUsed + take);
                rest.Slice(0, take).CopyTo(_long.AsSpan(_longUsed));
                line = _long.AsSpan(0, _longUsed + take);
                return true;
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
            if (!_started)
            {
                _started = true;
                Start();
            }
            return true;
        }

        /// <summary>A UTF-8 byte order mark is skipped; UTF-16 and UTF-32 are named (a byte-order mark's first two bytes are in the first block).</summary>
        private void Start()
        {
            var head = _block.AsSpan(0, _len);
            if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) _pos = 3;
            else if (head.StartsWith(new byte[] { 0xFF, 0xFE }) || head.StartsWith(new byte[] { 0xFE, 0xFF }) || head.StartsWith(new byte[] { 0, 0, 0xFE, 0xFF }))
            {
                throw new InvalidDataException("UTF-16 or UTF-32 text (it starts with a byte order mark); a batch is UTF-8 JSON lines: convert it first (iconv -t UTF-8)");
            }
        }
    }
}
