using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>
/// A minimal Lambda Runtime API (2018-06-01) on 127.0.0.1 for driving the real bootstrap process:
/// hands out queued events on /next with the documented headers and records /response, /error and /init/error posts.
/// </summary>
internal sealed class FakeRuntimeApi : IDisposable
{
    private const string Base = "/2018-06-01/runtime/";
    private readonly HttpListener _listener = new();
    private readonly Channel<(string Id, byte[] Body, long DeadlineMs)> _queue = Channel.CreateUnbounded<(string, byte[], long)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimePost>> _results = new();
    private readonly TaskCompletionSource<RuntimePost> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTimeOffset> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;

    public FakeRuntimeApi()
    {
        Port = Emulators.EmulatorFixture.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public Task<RuntimePost> InitError => _initError.Task;

    /// <summary>When the runtime first asked for an event (its init is done).</summary>
    public Task<DateTimeOffset> FirstNext => _firstNext.Task;

    public string Enqueue(string payload, TimeSpan? timeLeft = null)
    {
        var id = $"req-{Interlocked.Increment(ref _sequence)}";
        _results[id] = new TaskCompletionSource<RuntimePost>(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = DateTimeOffset.UtcNow.Add(timeLeft ?? TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds();
        _queue.Writer.TryWrite((id, Encoding.UTF8.GetBytes(payload), deadline));
        return id;
    }

    public Task<RuntimePost> ResultAsync(string requestId) => _results[requestId].Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _listener.Close();
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == Base + "invocation/next")
            {
                _firstNext.TrySetResult(DateTimeOffset.UtcNow);
                var (id, body, deadline) = await _queue.Reader.ReadAsync();
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:prep";
                response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(body);
                response.Close();
                return;
            }

            var post = new RuntimePost(
                path.EndsWith("/response", StringComparison.Ordinal) ? "response" : "error",
                await new StreamReader(context.Request.InputStream).ReadToEndAsync(),
                context.Request.Headers["Lambda-Runtime-Function-Error-Type"]);
            if (path == Base + "init/error")
            {
                _initError.TrySetResult(post);
            }
            else if (path.StartsWith(Base + "invocation/", StringComparison.Ordinal))
            {
                var id = path[(Base.Length + "invocation/".Length)..].Split('/')[0];
                _results.GetOrAdd(id, _ => new()).TrySetResult(post);
            }

            response.StatusCode = 202;
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ChannelClosedException or ObjectDisposedException)
        {
            response.Abort();
        }
    }
}
