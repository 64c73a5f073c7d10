using System.Net;
using System.Net.Sockets;

namespace Dossier.Ingest.Watch;

/// <summary>The kind of range an IP address falls in, as far as fetching from the open web is concerned.</summary>
public enum AddressRange
{
    /// <summary>Reachable on the public internet.</summary>
    Public,
    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,
    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48.</summary>
    Private,
    /// <summary>169.254/16, fe80::/10.</summary>
    LinkLocal,
    /// <summary>0.0.0.0/8, ::.</summary>
    Unspecified,
    /// <summary>100.64/10, the carrier-grade NAT range.</summary>
    Shared,
    /// <summary>224/4, ff00::/8.</summary>
    Multicast,
    /// <summary>255.255.255.255.</summary>
    Broadcast,
    /// <summary>Documentation and benchmarking ranges, 240/4, and IPv6 outside 2000::/3.</summary>
    Reserved,
}

/// <summary>
/// Tells public internet addresses from loopback, private, link-local and reserved ones, looking through IPv4 addresses
/// carried in IPv6 (mapped, NAT64, 6to4, Teredo) so none can be reached by dressing it up.
/// </summary>
public static class PublicAddress
{
    public static bool IsPublic(IPAddress address) => Classify(address) == AddressRange.Public;

    public static AddressRange Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> b = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(b, out _);
            return ClassifyV4(b[..4]);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return AddressRange.Reserved;
        address.TryWriteBytes(b, out _);
        return ClassifyV6(b);
    }

    private static AddressRange ClassifyV4(ReadOnlySpan<byte> b) => (b[0], b[1], b[2]) switch
    {
        (0, _, _) => AddressRange.Unspecified,
        (10, _, _) => AddressRange.Private,
        (100, >= 64 and < 128, _) => AddressRange.Shared,
        (127, _, _) => AddressRange.Loopback,
        (169, 254, _) => AddressRange.LinkLocal,
        (172, >= 16 and < 32, _) => AddressRange.Private,
        (192, 168, _) => AddressRange.Private,
        // IETF protocol assignments, TEST-NET-1, the old 6to4 relay anycast.
        (192, 0, 0) or (192, 0, 2) or (192, 88, 99) => AddressRange.Reserved,
        (198, 18 or 19, _) => AddressRange.Reserved,
        (198, 51, 100) or (203, 0, 113) => AddressRange.Reserved,
        ( >= 224 and < 240, _, _) => AddressRange.Multicast,
        (255, 255, 255) when b[3] == 255 => AddressRange.Broadcast,
        ( >= 240, _, _) => AddressRange.Reserved,
        _ => AddressRange.Public,
    };

    private static AddressRange ClassifyV6(ReadOnlySpan<byte> b)
    {
        var zeroFirst10 = b[..10].IndexOfAnyExcept((byte)0) < 0;
        if (zeroFirst10 && b[10] == 0xff && b[11] == 0xff) return ClassifyV4(b[12..]); // ::ffff:a.b.c.d
        if (zeroFirst10 && b[10] == 0 && b[11] == 0)
        {
            if (b[12..15].IndexOfAnyExcept((byte)0) < 0 && b[15] <= 1) return b[15] == 1 ? AddressRange.Loopback : AddressRange.Unspecified;
            return AddressRange.Reserved; // ::a.b.c.d, deprecated IPv4-compatible
        }
        // NAT64 well-known prefix 64:ff9b::/96 carries the IPv4 address in its last 4 bytes.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            if (b[4..12].IndexOfAnyExcept((byte)0) < 0) return ClassifyV4(b[12..]);
            if (b[4] == 0 && b[5] == 1) return AddressRange.Private; // 64:ff9b:1::/48, local-use NAT64
            return AddressRange.Reserved;
        }
        if (b[0] == 0xff) return AddressRange.Multicast;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressRange.LinkLocal;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressRange.Private; // fec0::/10, deprecated site-local
        if ((b[0] & 0xfe) == 0xfc) return AddressRange.Private;
        // Only 2000::/3 is handed out as global unicast.
        if ((b[0] & 0xe0) != 0x20) return AddressRange.Reserved;
        if (b[0] == 0x20 && b[1] == 0x02) return ClassifyV4(b[2..6]); // 6to4 2002:a.b.c.d::/48
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            // Teredo 2001::/32: the server in bytes 4-7, the client's address inverted in the last 4.
            Span<byte> client = [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
            var server = ClassifyV4(b[4..8]);
            return server != AddressRange.Public ? server : ClassifyV4(client);
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return AddressRange.Reserved; // documentation
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x02 && b[4] == 0 && b[5] == 0) return AddressRange.Reserved; // benchmarking
        return AddressRange.Public;
    }
}
