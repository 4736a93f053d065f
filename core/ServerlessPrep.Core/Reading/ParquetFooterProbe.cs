using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Decodes a footer with Parquet.Net's own Thrift reader over a stream that throws at its end. Parquet.Net reads the footer from
/// a stream that answers -1 at its end, which its varint loop takes for a continuation byte forever: a mutated footer that sends
/// its typed decoder past the end (its known fields are read by id, whatever the wire type says) hangs the process. Here the same
/// decoder fails instead. The decoder is internal to Parquet.Net, so it is reached by reflection (kept for trimming and Native
/// AOT by <see cref="DynamicDependencyAttribute"/>); if it cannot be found the probe is skipped.
/// </summary>
internal static class ParquetFooterProbe
{
    private const string ReaderTypeName = "Parquet.Meta.Proto.ThriftCompactProtocolReader";

    private static readonly (ConstructorInfo Reader, MethodInfo Read)? Decoder = FindDecoder();

    /// <summary>Null when the footer decodes (or the probe is unavailable), else what is wrong.</summary>
    public static string? Probe(byte[] footer)
    {
        if (Decoder is not { } decoder)
        {
            return null;
        }

        try
        {
            decoder.Read.Invoke(null, [decoder.Reader.Invoke([new EndThrowingStream(footer)])]);
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is EndOfStreamException)
        {
            return "its Thrift data runs past the end of the footer";
        }
        catch (TargetInvocationException e) when (e.InnerException is OutOfMemoryException or ArgumentOutOfRangeException)
        {
            return "it declares a list larger than memory allows";
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner && ReadFaults.IsDataFault(inner))
        {
            return $"it cannot be decoded ({inner.GetType().Name}: {inner.Message})";
        }
    }

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods, typeof(Parquet.Meta.FileMetaData))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors, ReaderTypeName, "Parquet")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The type is kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The members are kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The members are kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The members are kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2080", Justification = "The members are kept by the DynamicDependency above.")]
    private static (ConstructorInfo, MethodInfo)? FindDecoder()
    {
        var readerType = typeof(Parquet.Meta.FileMetaData).Assembly.GetType(ReaderTypeName);
        var constructor = readerType?.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(Stream)]);
        var read = readerType is null ? null : typeof(Parquet.Meta.FileMetaData).GetMethod("Read", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [readerType]);
        return constructor is null || read is null ? null : (constructor, read);
    }

    private sealed class EndThrowingStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int ReadByte() => _position < data.Length ? data[_position++] : throw new EndOfStreamException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            if (_position >= data.Length)
            {
                throw new EndOfStreamException();
            }

            var n = Math.Min(buffer.Length, data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
