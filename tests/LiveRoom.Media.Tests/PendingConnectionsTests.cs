using System.Net;
using System.Net.Sockets;
using LiveRoom.Media.Rtmp;
using Outcome = LiveRoom.Media.Rtmp.PendingConnections.Outcome;

namespace LiveRoom.Media.Tests;

/// <summary>The eviction policy of connections waiting to publish, with sockets that never receive anything.</summary>
public sealed class PendingConnectionsTests : IDisposable
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress C = IPAddress.Parse("192.0.2.3");

    private readonly List<Socket> _sockets = [];

    [Fact]
    public void AnAddressAtItsLimitReplacesItsOwnOldestConnection()
    {
        var pending = new PendingConnections(maxTotal: 32, maxPerAddress: 2, TimeProvider.System);
        var first = Admit(pending, A);
        Admit(pending, A);

        var outcome = pending.TryAdmit(NewSocket(), A, "a3", out var third, out var evicted);

        outcome.ShouldBe(Outcome.AdmittedByEviction);
        evicted.ShouldBeSameAs(first);
        first.Evicted.IsCancellationRequested.ShouldBeTrue();
        third.ShouldNotBeNull();
        pending.Count.ShouldBe(2);
    }

    [Fact]
    public void AConnectionWhosePublishIsBeingCheckedIsNeverEvicted()
    {
        var pending = new PendingConnections(maxTotal: 32, maxPerAddress: 2, TimeProvider.System);
        Admit(pending, A).TryBeginPublish().ShouldBeTrue();
        Admit(pending, A).TryBeginPublish().ShouldBeTrue();

        pending.TryAdmit(NewSocket(), A, "a3", out var slot, out _).ShouldBe(Outcome.RefusedAddressFull);
        slot.ShouldBeNull();
    }

    [Fact]
    public void SilentConnectionsGoBeforeOnesThatCompletedTheHandshake()
    {
        var pending = new PendingConnections(maxTotal: 32, maxPerAddress: 3, TimeProvider.System);
        var handshaken = Admit(pending, A);
        handshaken.Handshaken();
        var silent = Admit(pending, A);
        Admit(pending, A);

        pending.TryAdmit(NewSocket(), A, "a4", out _, out var evicted);

        evicted.ShouldBeSameAs(silent);
        handshaken.Evicted.IsCancellationRequested.ShouldBeFalse();
        silent.TryBeginPublish().ShouldBeFalse("an evicted connection may not go on to publish");
    }

    [Fact]
    public void WhenAllAreTakenANewcomerReplacesItsOwnAddressFirstAndOthersOnlyAFewTimes()
    {
        var pending = new PendingConnections(maxTotal: 4, maxPerAddress: 4, TimeProvider.System);
        var fromB = Enumerable.Range(0, 4).Select(_ => Admit(pending, B)).ToArray();

        var fromC = Admit(pending, C);
        fromB[0].Evicted.IsCancellationRequested.ShouldBeTrue("C had no connection of its own to give up");
        pending.TryAdmit(NewSocket(), C, "c2", out _, out var evicted).ShouldBe(Outcome.AdmittedByEviction);
        evicted.ShouldBeSameAs(fromC, "C replaces its own connection before anyone else's");

        // An address with no connection of its own, while B keeps every slot taken, gets a burst of four, then none.
        var taken = 0;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (pending.TryAdmit(NewSocket(), A, "a", out var slot, out _) == Outcome.RefusedFull) break;
            taken++;
            slot!.Leave();
            Admit(pending, B);
        }

        taken.ShouldBe(4);
    }

    [Theory]
    [InlineData("2001:db8::1", "2001:db8::ffff:1", true)]
    [InlineData("2001:db8::1", "2001:db8:0:1::1", false)]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7", true)]
    [InlineData("198.51.100.7", "198.51.100.8", false)]
    public void IPv6AddressesCountByTheirSlash64AndMappedIPv4AsIPv4(string first, string second, bool same) =>
        (PendingConnections.AddressKey(IPAddress.Parse(first)) == PendingConnections.AddressKey(IPAddress.Parse(second))).ShouldBe(same);

    public void Dispose()
    {
        foreach (var socket in _sockets) socket.Dispose();
    }

    private PendingConnections.Slot Admit(PendingConnections pending, IPAddress address)
    {
        pending.TryAdmit(NewSocket(), address, address.ToString(), out var slot, out _).ShouldNotBe(Outcome.RefusedFull);
        return slot.ShouldNotBeNull();
    }

    private Socket NewSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(socket);
        return socket;
    }
}
