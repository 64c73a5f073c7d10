using System.IO.Compression;

namespace Dossier.Ingest;

/// <summary>An input that cannot be read, with the one-line reason the run reports for it.</summary>
public sealed class UnreadableInputException(string reason) : IOException(reason);

/// <summary>
/// Opens an input file as a stream of its content, gunzipping a .gz file (or one that starts with the gzip magic)
/// on the fly, with limits against gzip bombs: at most a given number of bytes out, and beyond the first megabyte at
/// most a given ratio of bytes out to bytes in.
/// </summary>
public static class InputFile
{
    private const long RatioFreeBytes = 1024 * 1024;

    /// <summary>The path without a trailing ".gz", so "x.warc.gz" is taken for "x.warc".</summary>
    public static string WithoutGz(string path)
        => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;

    /// <summary>True when the file is gzip: by its name, or by its first two bytes.</summary>
    public static bool IsGzip(string path, Stream file)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return true;
        Span<byte> magic = stackalloc byte[2];
        var position = file.Position;
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = position;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading its (decompressed) content. <paramref name="maxBytes"/> bounds the
    /// content (null: no bound, for containers read record by record); <paramref name="maxRatio"/> bounds the expansion.
    /// Reading past a limit, or a truncated gzip, throws <see cref="UnreadableInputException"/>.
    /// </summary>
    public static Stream Open(string path, long? maxBytes, double maxRatio)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            if (!IsGzip(path, file))
                return maxBytes is { } max ? new BoundedStream(file, null, max, 0, null) : file;
            if (file.Length < 18) throw new UnreadableInputException("truncated gzip");
            // The last member's trailer ends with its size mod 2^32; a truncated file ends in compressed data instead.
            Span<byte> trailer = stackalloc byte[4];
            file.Position = file.Length - 4;
            file.ReadExactly(trailer);
            file.Position = 0;
            var lastMemberSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            var counted = new BoundedStream(file, null, long.MaxValue, 0, null);
            var gzip = new GZipStream(counted, CompressionMode.Decompress, leaveOpen: false);
            return new BoundedStream(gzip, counted, maxBytes ?? long.MaxValue, maxRatio, lastMemberSize);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Counts the bytes read through it and stops at the limits. <paramref name="compressed"/> is the stream under the
    /// decompressor, for the ratio; <paramref name="lastMemberSize"/> the gzip trailer's size, checked at the end.
    /// </summary>
    private sealed class BoundedStream(Stream inner, BoundedStream? compressed, long maxBytes, double maxRatio, uint? lastMemberSize) : Stream
    {
        public long Count { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read;
            try { read = inner.Read(buffer); }
            catch (InvalidDataException ex) { throw new UnreadableInputException("corrupt gzip: " + ex.Message); }
            Count += read;
            if (Count > maxBytes) throw new UnreadableInputException($"too large: over the limit of {maxBytes} bytes");
            if (compressed is not null && Count > RatioFreeBytes && Count > maxRatio * Math.Max(1, compressed.Count))
                throw new UnreadableInputException($"gzip expands more than {maxRatio:0}:1 (a gzip bomb?)");
            if (read == 0 && buffer.Length > 0 && lastMemberSize is { } size && size > (uint)Count)
                throw new UnreadableInputException("truncated gzip");
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Reads the whole stream into memory; the stream's own bounds keep this finite.</summary>
    public static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
