using System.Net;
using System.Net.Sockets;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// The RTMP connections that are not publishing yet (strangers, until a publish is accepted). At most
/// <c>maxPerAddress</c> per address (an IPv6 /64 counts as one address) and <c>maxTotal</c> in all. A
/// newcomer over either limit does not simply lose to those already waiting — that would let anyone who
/// opens connections first keep every publisher out — but takes the slot of the oldest stranger that
/// has made the least progress: a silent one first (nothing received, nothing waiting to be read), then one
/// that has begun its handshake, then one that completed it but has not asked to publish. Connections whose
/// publish is being checked are never evicted. So an address at its limit only evicts its own connections;
/// a publisher, which sends its handshake at once and publishes within a few round trips, is protected from
/// idle strangers by its progress and from busy ones by being the newest. When all slots are taken, a
/// newcomer replaces a connection of its own address if it has one; it may take the place of another
/// address's connection only a few times a second, so addresses that keep reconnecting churn their own
/// slots and not a publisher's.
/// </summary>
internal sealed class PendingConnections(int maxTotal, int maxPerAddress, TimeProvider clock)
{
    /// <summary>How often one address may take the place of another address's connection (after a burst of <c>maxPerAddress</c>).</summary>
    private static readonly TimeSpan EvictOthersInterval = TimeSpan.FromSeconds(1);
    private const int MaxAddressesTracked = 4096;

    private readonly object _lock = new();
    private readonly Dictionary<UInt128, DateTimeOffset> _evictOthersAt = [];
    private readonly LinkedList<Slot> _waiting = new();
    private readonly Dictionary<UInt128, int> _perAddress = [];

    public enum Stage
    {
        Connected,
        Greeted,
        Handshaken,
        Publishing,
    }

    public enum Outcome
    {
        Admitted,
        AdmittedByEviction,
        RefusedAddressFull,
        RefusedFull,
    }

    public int Count
    {
        get
        {
            lock (_lock) return _waiting.Count;
        }
    }

    /// <summary>Takes a slot for a connection from <paramref name="address"/>; the evicted connection, if any, has been told to go.</summary>
    public Outcome TryAdmit(Socket socket, IPAddress address, string peer, out Slot? slot, out Slot? evicted)
    {
        var key = AddressKey(address);
        evicted = null;
        slot = null;
        lock (_lock)
        {
            var fromAddress = _perAddress.GetValueOrDefault(key);
            if (fromAddress >= maxPerAddress)
            {
                evicted = OldestEvictable(key);
                if (evicted is null) return Outcome.RefusedAddressFull;
            }
            else if (_waiting.Count >= maxTotal)
            {
                evicted = fromAddress > 0 ? OldestEvictable(key) : null;
                if (evicted is null && MayEvictOthers(key)) evicted = OldestEvictable(null);
                if (evicted is null) return Outcome.RefusedFull;
            }

            if (evicted is not null) Remove(evicted);
            slot = new Slot(this, socket, key, peer);
            slot.Node = _waiting.AddLast(slot);
            _perAddress[key] = _perAddress.GetValueOrDefault(key) + 1;
        }

        evicted?.Evict();
        return evicted is null ? Outcome.Admitted : Outcome.AdmittedByEviction;
    }

    /// <summary>IPv4 addresses (also when mapped into IPv6) count one by one; IPv6 ones by their /64.</summary>
    internal static UInt128 AddressKey(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            bytes[8..].Clear();
            return new UInt128(BitConverter.ToUInt64(bytes[..8]), 1);
        }

        return new UInt128(0, BitConverter.ToUInt32(bytes[..written]));
    }

    /// <summary>A rate per address (a generic cell rate: a burst of <c>maxPerAddress</c>, then one per interval).</summary>
    private bool MayEvictOthers(UInt128 address)
    {
        var now = clock.GetUtcNow();
        var next = _evictOthersAt.GetValueOrDefault(address, now);
        if (next < now) next = now;
        if (next - now > EvictOthersInterval * (maxPerAddress - 1)) return false;
        if (_evictOthersAt.Count >= MaxAddressesTracked)
        {
            foreach (var (stale, at) in _evictOthersAt)
            {
                if (at <= now) _evictOthersAt.Remove(stale);
            }

            // Still full (connections from very many addresses at once): let this one in untracked rather than
            // refuse everyone, the publisher with a valid key among them.
            if (_evictOthersAt.Count >= MaxAddressesTracked) return true;
        }

        _evictOthersAt[address] = next + EvictOthersInterval;
        return true;
    }

    private Slot? OldestEvictable(UInt128? address)
    {
        Slot? greeted = null;
        Slot? handshaken = null;
        foreach (var slot in _waiting)
        {
            if (address is { } key && slot.Address != key) continue;
            switch (slot.Stage)
            {
                // Bytes already waiting to be read count as a greeting: the connection task may not have run yet.
                case Stage.Connected when !slot.HasBytesWaiting():
                    return slot;
                case Stage.Connected or Stage.Greeted:
                    greeted ??= slot;
                    break;
                case Stage.Handshaken:
                    handshaken ??= slot;
                    break;
            }
        }

        return greeted ?? handshaken;
    }

    private void Remove(Slot slot)
    {
        if (slot.Node is null) return;
        _waiting.Remove(slot.Node);
        slot.Node = null;
        var left = _perAddress[slot.Address] - 1;
        if (left == 0) _perAddress.Remove(slot.Address);
        else _perAddress[slot.Address] = left;
    }

    /// <summary>One waiting connection's place; cancelled (<see cref="Evicted"/>) when a newcomer takes it.</summary>
    public sealed class Slot(PendingConnections owner, Socket socket, UInt128 address, string peer) : IDisposable
    {
        private readonly CancellationTokenSource _evicted = new();

        public UInt128 Address { get; } = address;

        public string Peer { get; } = peer;

        public Stage Stage { get; private set; }

        public CancellationToken Evicted => _evicted.Token;

        internal LinkedListNode<Slot>? Node { get; set; }

        /// <summary>The peer sent a valid start of the handshake.</summary>
        public void Greeted() => Advance(Stage.Greeted);

        public void Handshaken() => Advance(Stage.Handshaken);

        /// <summary>The connection asks to publish: from now on it cannot be evicted. False when it already was.</summary>
        public bool TryBeginPublish()
        {
            lock (owner._lock)
            {
                if (Node is null) return false;
                Stage = Stage.Publishing;
                return true;
            }
        }

        /// <summary>The connection publishes or is gone: it no longer waits.</summary>
        public void Leave()
        {
            lock (owner._lock) owner.Remove(this);
        }

        internal bool HasBytesWaiting()
        {
            try
            {
                return socket.Available > 0;
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                return false;
            }
        }

        internal void Evict()
        {
            try
            {
                _evicted.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already gone.
            }
        }

        public void Dispose() => _evicted.Dispose();

        private void Advance(Stage stage)
        {
            lock (owner._lock)
            {
                if (Stage < stage && Stage != Stage.Publishing) Stage = stage;
            }
        }
    }
}
