using System.Net;
using Dossier.Ingest.Watch;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class PublicAddressTests
{
    [Theory]
    // IPv4: public, and the edges of each refused range.
    [InlineData("8.8.8.8", AddressRange.Public)]
    [InlineData("93.184.216.34", AddressRange.Public)]
    [InlineData("0.0.0.0", AddressRange.Unspecified)]
    [InlineData("0.255.255.255", AddressRange.Unspecified)]
    [InlineData("1.0.0.0", AddressRange.Public)]
    [InlineData("9.255.255.255", AddressRange.Public)]
    [InlineData("10.0.0.5", AddressRange.Private)]
    [InlineData("10.255.255.255", AddressRange.Private)]
    [InlineData("11.0.0.0", AddressRange.Public)]
    [InlineData("100.63.255.255", AddressRange.Public)]
    [InlineData("100.64.0.0", AddressRange.Shared)]
    [InlineData("100.127.255.255", AddressRange.Shared)]
    [InlineData("100.128.0.0", AddressRange.Public)]
    [InlineData("127.0.0.1", AddressRange.Loopback)]
    [InlineData("127.255.255.254", AddressRange.Loopback)]
    [InlineData("169.254.169.254", AddressRange.LinkLocal)]
    [InlineData("169.253.0.1", AddressRange.Public)]
    [InlineData("172.15.255.255", AddressRange.Public)]
    [InlineData("172.16.0.0", AddressRange.Private)]
    [InlineData("172.31.255.255", AddressRange.Private)]
    [InlineData("172.32.0.0", AddressRange.Public)]
    [InlineData("192.168.1.1", AddressRange.Private)]
    [InlineData("192.169.0.1", AddressRange.Public)]
    [InlineData("192.0.0.8", AddressRange.Reserved)]
    [InlineData("192.0.2.1", AddressRange.Reserved)]
    [InlineData("198.18.0.1", AddressRange.Reserved)]
    [InlineData("198.51.100.7", AddressRange.Reserved)]
    [InlineData("203.0.113.9", AddressRange.Reserved)]
    [InlineData("223.255.255.255", AddressRange.Public)]
    [InlineData("224.0.0.1", AddressRange.Multicast)]
    [InlineData("239.255.255.250", AddressRange.Multicast)]
    [InlineData("240.0.0.1", AddressRange.Reserved)]
    [InlineData("255.255.255.254", AddressRange.Reserved)]
    [InlineData("255.255.255.255", AddressRange.Broadcast)]
    // IPv6 native.
    [InlineData("2606:4700::6810:84e5", AddressRange.Public)]
    [InlineData("2a00:1450:4001:80b::200e", AddressRange.Public)]
    [InlineData("::", AddressRange.Unspecified)]
    [InlineData("::1", AddressRange.Loopback)]
    [InlineData("::2", AddressRange.Reserved)]
    [InlineData("fc00::1", AddressRange.Private)]
    [InlineData("fd12:3456:789a::1", AddressRange.Private)]
    [InlineData("fe80::1", AddressRange.LinkLocal)]
    [InlineData("fe80::1%2", AddressRange.LinkLocal)]
    [InlineData("febf::1", AddressRange.LinkLocal)]
    [InlineData("fec0::1", AddressRange.Private)]
    [InlineData("ff02::1", AddressRange.Multicast)]
    [InlineData("2001:db8::1", AddressRange.Reserved)]
    [InlineData("100::1", AddressRange.Reserved)]
    [InlineData("4000::1", AddressRange.Reserved)]
    // IPv4 carried in IPv6: the IPv4 address decides.
    [InlineData("::ffff:10.0.0.5", AddressRange.Private)]
    [InlineData("::ffff:127.0.0.1", AddressRange.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressRange.LinkLocal)]
    [InlineData("::ffff:8.8.8.8", AddressRange.Public)]
    [InlineData("::127.0.0.1", AddressRange.Reserved)]
    [InlineData("64:ff9b::a00:5", AddressRange.Private)]
    [InlineData("64:ff9b::7f00:1", AddressRange.Loopback)]
    [InlineData("64:ff9b::808:808", AddressRange.Public)]
    [InlineData("64:ff9b:1::1", AddressRange.Private)]
    [InlineData("2002:7f00:1::1", AddressRange.Loopback)]
    [InlineData("2002:c0a8:101::1", AddressRange.Private)]
    [InlineData("2002:808:808::1", AddressRange.Public)]
    // Teredo: server 65.54.227.120; client 127.0.0.1 and 8.8.8.8 stored inverted.
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", AddressRange.Loopback)]
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7", AddressRange.Public)]
    [InlineData("2001:0:a00:1:8000:63bf:f7f7:f7f7", AddressRange.Private)]
    public void Each_address_falls_in_its_range(string text, AddressRange expected)
    {
        var address = IPAddress.Parse(text);
        Assert.Equal(expected, PublicAddress.Classify(address));
        Assert.Equal(expected == AddressRange.Public, PublicAddress.IsPublic(address));
    }

    [Fact]
    public void Refusal_names_the_address_its_range_and_the_way_out()
    {
        Assert.Equal("refused: 10.0.0.5 is a private address; --allow-private allows it",
            new AddressRefusedException("10.0.0.5", IPAddress.Parse("10.0.0.5"), AddressRange.Private).Message);
        Assert.Equal("refused: intranet.example resolves to fe80::1, a link-local address; --allow-private allows it",
            new AddressRefusedException("intranet.example", IPAddress.Parse("fe80::1"), AddressRange.LinkLocal).Message);
        Assert.Equal("refused: :: is an unspecified address; --allow-private allows it",
            new AddressRefusedException("[::]", IPAddress.IPv6Any, AddressRange.Unspecified).Message);
    }
}
