using System.Net;
using System.Net.Sockets;

namespace LlmCallAnalyzers.Prometheus.Tests.Infrastructure;

/// <summary>A TCP port on 127.0.0.1 that nothing listened on a moment ago.</summary>
public static class FreePort
{
    public static int Get()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
