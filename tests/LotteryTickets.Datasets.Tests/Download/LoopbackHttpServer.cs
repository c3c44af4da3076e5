using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LotteryTickets.Datasets.Tests.Download;

/// <summary>What the test server should do with one request.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The full body of the resource.</param>
/// <param name="HonourRange">Whether to answer a Range request with 206 and the remaining bytes.</param>
/// <param name="CloseAfterBytes">If set, close the connection after sending this many body bytes (with the full Content-Length announced).</param>
internal sealed record LoopbackResponse(int Status, byte[] Body, bool HonourRange = false, int? CloseAfterBytes = null);

/// <summary>One request as the test server saw it.</summary>
internal sealed record LoopbackRequest(int Number, string Path, long? RangeStart);

/// <summary>A tiny HTTP/1.1 server on 127.0.0.1 and a free port, one connection per request, scripted by the test.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<LoopbackRequest, LoopbackResponse> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly List<LoopbackRequest> requests = [];

    public LoopbackHttpServer(Func<LoopbackRequest, LoopbackResponse> respond)
    {
        this.respond = respond;
        listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>A loopback URL on which nothing listens, so connecting is refused.</summary>
    public static Uri UnusedUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await ServeAsync(client);
                }
                catch (IOException)
                {
                    // The client went away; the next request gets a fresh connection.
                }
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var head = await ReadHeadAsync(stream);
        var lines = head.Split("\r\n");
        var path = lines[0].Split(' ')[1];
        long? rangeStart = null;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Range: bytes=", StringComparison.OrdinalIgnoreCase))
            {
                rangeStart = long.Parse(line["Range: bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture);
            }
        }

        LoopbackRequest request;
        lock (requests)
        {
            request = new LoopbackRequest(requests.Count + 1, path, rangeStart);
            requests.Add(request);
        }

        var response = respond(request);
        var status = response.Status;
        var body = response.Body;
        var extra = "";
        if (status == 200 && response.HonourRange && rangeStart is { } start && start < body.Length)
        {
            status = 206;
            extra = $"Content-Range: bytes {start}-{body.Length - 1}/{body.Length}\r\n";
            body = body[(int)start..];
        }

        var reason = status switch { 200 => "OK", 206 => "Partial Content", 404 => "Not Found", 500 => "Internal Server Error", _ => "Status" };
        var header = $"HTTP/1.1 {status} {reason}\r\nContent-Length: {body.Length}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n{extra}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header));
        var sent = response.CloseAfterBytes is { } cut ? Math.Min(cut, body.Length) : body.Length;
        await stream.WriteAsync(body.AsMemory(0, sent));
        await stream.FlushAsync();
        client.Client.Shutdown(SocketShutdown.Both);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("The client closed the connection before the end of the request head.");
            }

            buffer.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. buffer]);
    }
}
