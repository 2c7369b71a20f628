using System.Net;
using System.Net.Sockets;

namespace ActorQueue.Akka;

/// <summary>
/// Checks before the actor system starts that its remoting port is free, so that a port in use stops the
/// process with one sentence instead of a stack trace from deep inside remoting.
/// </summary>
public static class AkkaPort
{
    public static void EnsureFree(AkkaNodeSettings settings)
    {
        if (settings.Port == 0)
        {
            return;
        }
        var address = IPAddress.TryParse(settings.Host, out var ip) ? ip : IPAddress.Any;
        try
        {
            using var listener = new TcpListener(address, settings.Port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException exception)
        {
            throw new PortInUseException(
                $"The Akka remoting port {settings.Host}:{settings.Port} cannot be used ({exception.SocketErrorCode}): another process (another seed?) listens on it. Stop it or give --akka-port.");
        }
    }
}

/// <summary>A port this process needs is taken; the message is the sentence the user sees.</summary>
public sealed class PortInUseException(string message) : Exception(message);
