using System.Net;
using System.Net.Sockets;

namespace Dossier.Ingest.Watch;

/// <summary>A connection refused because the host is, or resolves to, an address the fetcher may not reach.</summary>
public sealed class AddressRefusedException(string host, IPAddress address, AddressRange range)
    : IOException(Describe(host, address, range))
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
    public AddressRange Range { get; } = range;

    private static string Describe(string host, IPAddress address, AddressRange range)
    {
        var what = range switch
        {
            AddressRange.Public => "an address this fetcher may not reach",
            AddressRange.LinkLocal => "a link-local address",
            AddressRange.Shared => "a shared (carrier-grade NAT) address",
            _ => $"a{(range is AddressRange.Unspecified ? "n" : "")} {range.ToString().ToLowerInvariant()} address",
        };
        var subject = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address} is" : $"{host} resolves to {address},";
        return $"refused: {subject} {what}; --allow-private allows it";
    }
}

/// <summary>
/// Checks every address at connect time, for the first request and each redirect alike, so neither a redirect nor a
/// name that resolves differently the second time (DNS rebinding) reaches a private host: the host is resolved here,
/// refused if any of its addresses is not allowed, and the socket connected to an address that was checked.
/// </summary>
public sealed class AddressGuard(Func<IPAddress, bool> allowed)
{
    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>; the handler's ConnectTimeout is in the token.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        // Any refused address refuses the host: a name mixing public and private addresses is a rebinding trick.
        foreach (var address in addresses)
            if (!allowed(address) || !allowed(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)) throw new AddressRefusedException(endPoint.Host, address, PublicAddress.Classify(address));

        Exception? last = null;
        foreach (var found in addresses)
        {
            var address = found.IsIPv4MappedToIPv6 ? found.MapToIPv4() : found;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return [literal];
        return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
    }
}
