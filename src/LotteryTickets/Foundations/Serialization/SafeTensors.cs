using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Serialization;

/// <summary>
/// Reads and writes the safetensors format, which Python's <c>safetensors</c> package (and any
/// reader of the format) understands: an 8-byte little-endian header length N, N bytes of UTF-8
/// JSON describing each tensor (<c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}</c>,
/// plus optional string metadata under <c>__metadata__</c>), then the raw little-endian data.
/// Element types: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL.
/// </summary>
/// <remarks>
/// Writing lays the tensors out in ordinal name order and pads the header with spaces to a
/// multiple of 8 bytes; tensors on any device and with any strides are written as contiguous
/// CPU data. Writing to a path is atomic: the file appears under its name complete or not at all,
/// and a file it replaces is replaced whole (nothing of a longer old file remains).
/// Reading checks the whole file and reports every problem of its header in one
/// <see cref="InvalidDataException"/> that names the file.
/// </remarks>
public static class SafeTensors
{
    private const int Chunk = 1 << 28;
    private const string StreamName = "(stream)";

    /// <summary>Writes <paramref name="tensors"/> to the file <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">The tensors by name; the caller keeps ownership.</param>
    /// <param name="metadata">Optional string metadata, stored under <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c>, a tensor is disposed, or its element type has no safetensors name.</exception>
    /// <exception cref="IOException">The file cannot be written; no file is left under <paramref name="path"/>'s name unless one was there before.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var (header, layout) = Prepare(tensors, metadata);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(stream, header, layout, tensors);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="tensors"/> to <paramref name="stream"/> (from its current position).</summary>
    /// <param name="stream">A writable stream; it is left open.</param>
    /// <param name="tensors">The tensors by name; the caller keeps ownership.</param>
    /// <param name="metadata">Optional string metadata, stored under <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c>, a tensor is disposed, or its element type has no safetensors name.</exception>
    public static void Save(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (header, layout) = Prepare(tensors, metadata);
        Write(stream, header, layout, tensors);
    }

    /// <summary>
    /// Reads every tensor of the file <paramref name="path"/>. The returned tensors are owned by
    /// the caller (and by the innermost dispose scope, if one is open).
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="device">The device to put the tensors on; the CPU when omitted.</param>
    /// <returns>The tensors by name.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names the file and lists the problems.</exception>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return Read(stream, path, device);
    }

    /// <summary>
    /// Reads every tensor from <paramref name="stream"/> (from its current position to its end).
    /// The returned tensors are owned by the caller (and by the innermost dispose scope, if one is open).
    /// </summary>
    /// <param name="stream">A readable stream, seekable or not; it is left open.</param>
    /// <param name="device">The device to put the tensors on; the CPU when omitted.</param>
    /// <returns>The tensors by name.</returns>
    /// <exception cref="InvalidDataException">The data is not valid safetensors.</exception>
    public static Dictionary<string, Tensor> Load(Stream stream, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, StreamName, device);
    }

    /// <summary>Reads only the string metadata (<c>__metadata__</c>) of the file <paramref name="path"/>; empty when there is none.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The metadata by key.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return ReadHeader(stream, path).Metadata;
    }

    /// <summary>Reads only the string metadata (<c>__metadata__</c>) from <paramref name="stream"/>; empty when there is none.</summary>
    /// <param name="stream">A readable stream, positioned at the start of the safetensors data; it is left open.</param>
    /// <returns>The metadata by key.</returns>
    /// <exception cref="InvalidDataException">The data is not valid safetensors.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadHeader(stream, StreamName).Metadata;
    }

    private static FileStream OpenRead(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The safetensors file '{path}' does not exist.", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static (byte[] Header, SafeTensorsEntry[] Layout) Prepare(
        IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        CheckEndianness();
        var described = new List<(string, ScalarType, long[])>();
        foreach (var (name, tensor) in tensors)
        {
            if (name == SafeTensorsHeader.MetadataKey)
            {
                throw new ArgumentException(
                    $"A tensor cannot be named '{SafeTensorsHeader.MetadataKey}': the format reserves that name for metadata. Rename the tensor.",
                    nameof(tensors));
            }

            if (tensor is null || tensor.IsInvalid)
            {
                throw new ArgumentException($"The tensor '{name}' is null or disposed; give live tensors only.", nameof(tensors));
            }

            if (!SafeTensorsDType.IsSupported(tensor.dtype))
            {
                throw new ArgumentException(
                    $"The tensor '{name}' holds {tensor.dtype} elements, which safetensors files here do not store; convert it to one of {SafeTensorsDType.Supported}.",
                    nameof(tensors));
            }

            described.Add((name, tensor.dtype, tensor.shape));
        }

        if (metadata is not null && metadata.Any(m => m.Value is null))
        {
            throw new ArgumentException("Metadata values cannot be null.", nameof(metadata));
        }

        return SafeTensorsHeader.Build(described, metadata);
    }

    private static void Write(Stream stream, byte[] header, SafeTensorsEntry[] layout, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var entry in layout)
        {
            if (entry.Length == 0)
            {
                continue;
            }

            using var scope = NewDisposeScope();
            var source = tensors[entry.Name];
            var flat = source.detach().to(entry.Type, CPU).contiguous().reshape(-1);
            ForEachChunk(flat, entry, chunk => stream.Write(chunk.bytes));
        }
    }

    /// <summary>Calls <paramref name="action"/> on contiguous 1-D views of at most <see cref="Chunk"/> bytes that cover <paramref name="flat"/>.</summary>
    private static void ForEachChunk(Tensor flat, SafeTensorsEntry entry, Action<Tensor> action)
    {
        var size = SafeTensorsDType.ElementSize(entry.Type);
        var perChunk = Chunk / size;
        var count = entry.Length / size;
        for (long done = 0; done < count; done += perChunk)
        {
            using var chunk = flat.narrow(0, done, Math.Min(perChunk, count - done));
            action(chunk);
        }
    }

    private static SafeTensorsHeader ReadHeader(Stream stream, string source)
    {
        CheckEndianness();
        Span<byte> lengthBytes = stackalloc byte[8];
        var got = stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false);
        if (got < 8)
        {
            throw Invalid(source, [$"it is truncated: it holds {got} bytes, fewer than the 8-byte header length."]);
        }

        var length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        var available = stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
        if (length > (ulong)available)
        {
            throw Invalid(source, [$"its header length {length} goes beyond the end of the file ({available} bytes follow the length)."]);
        }

        if (length > SafeTensorsHeader.MaxLength)
        {
            throw Invalid(source, [$"its header length {length} exceeds the limit of {SafeTensorsHeader.MaxLength} bytes."]);
        }

        var header = new byte[(int)length];
        got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
        {
            throw Invalid(source, [$"it is truncated: its header should have {length} bytes but only {got} follow."]);
        }

        return SafeTensorsHeader.Parse(header, problems => Invalid(source, problems));
    }

    private static Dictionary<string, Tensor> Read(Stream stream, string source, Device? device)
    {
        var header = ReadHeader(stream, source);
        if (stream.CanSeek)
        {
            var available = stream.Length - stream.Position;
            if (available < header.DataLength)
            {
                throw Invalid(source, [$"it is truncated: the header describes {header.DataLength} bytes of tensor data but only {available} follow."]);
            }

            if (available > header.DataLength)
            {
                throw Invalid(source, [$"it has {available - header.DataLength} bytes after the end of the tensor data the header describes."]);
            }
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in header.Entries)
            {
                var tensor = ReadTensor(stream, source, entry);
                if (device is not null && device.type != DeviceType.CPU)
                {
                    using var cpu = tensor;
                    tensor = cpu.to(device);
                }

                result.Add(entry.Name, tensor);
            }

            if (!stream.CanSeek && stream.ReadByte() >= 0)
            {
                throw Invalid(source, ["it has bytes after the end of the tensor data the header describes."]);
            }
        }
        catch
        {
            foreach (var t in result.Values)
            {
                t.Dispose();
            }

            throw;
        }

        return result;
    }

    private static Tensor ReadTensor(Stream stream, string source, SafeTensorsEntry entry)
    {
        var tensor = empty(entry.Shape, entry.Type, CPU);
        try
        {
            if (entry.Length > 0)
            {
                using var flat = tensor.reshape(-1);
                ForEachChunk(flat, entry, chunk =>
                {
                    var target = chunk.bytes;
                    if (stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false) < target.Length)
                    {
                        throw Invalid(source, [$"it is truncated inside the data of tensor '{entry.Name}'."]);
                    }
                });
            }

            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    private static InvalidDataException Invalid(string source, IEnumerable<string> problems)
    {
        var list = problems.ToList();
        var what = source == StreamName ? "The safetensors data read from the stream" : $"The safetensors file '{source}'";
        return list.Count == 1
            ? new InvalidDataException($"{what} is invalid: {list[0]}")
            : new InvalidDataException($"{what} is invalid:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", list));
    }

    private static void CheckEndianness()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Safetensors I/O needs a little-endian machine.");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
