using System.Text.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Wire;
using Microsoft.Playwright;

namespace LiveRoom.EndToEnd.Tests.Calls;

/// <summary>
/// One side of a WebRTC call in a real Chromium page: an <c>RTCPeerConnection</c> given the ICE servers as they
/// go over the wire, forced through TURN (<c>iceTransportPolicy: "relay"</c>). The test carries the offer, the
/// answer and the candidates between two of these, as the call signalling will.
/// </summary>
internal sealed class RelayPeer
{
    private const string Setup = """
        (wire) => {
          const iceServers = JSON.parse(wire);
          const peer = { candidates: [], errors: [], gathered: false, received: [], framesDecoded: 0 };
          window.peer = peer;
          const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
          peer.pc = pc;
          pc.onicecandidate = e => { if (e.candidate) peer.candidates.push(e.candidate.toJSON()); else peer.gathered = true; };
          pc.onicecandidateerror = e => peer.errors.push({ code: e.errorCode, text: e.errorText, url: e.url });
          pc.ontrack = e => {
            const video = document.createElement('video');
            video.muted = true;
            video.autoplay = true;
            video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
            document.body.append(video);
            video.play().catch(() => {});
          };
          pc.ondatachannel = e => {
            e.channel.onmessage = m => { peer.received.push(m.data); e.channel.send('echo: ' + m.data); };
          };
          setInterval(async () => {
            (await pc.getStats()).forEach(s => {
              if (s.type === 'inbound-rtp' && s.kind === 'video') peer.framesDecoded = s.framesDecoded ?? 0;
            });
          }, 200);
        }
        """;

    /// <summary>A moving picture drawn on a canvas is the camera: no capture device is needed.</summary>
    private const string Offer = """
        async () => {
          const peer = window.peer;
          const canvas = document.createElement('canvas');
          canvas.width = 320;
          canvas.height = 240;
          document.body.append(canvas);
          const ctx = canvas.getContext('2d');
          let n = 0;
          setInterval(() => {
            n++;
            ctx.fillStyle = `hsl(${(n * 7) % 360} 80% 50%)`;
            ctx.fillRect(0, 0, 320, 240);
            ctx.fillStyle = '#000';
            ctx.font = '48px sans-serif';
            ctx.fillText(String(n), 20, 130);
          }, 33);
          const stream = canvas.captureStream(30);
          for (const track of stream.getTracks()) peer.pc.addTrack(track, stream);
          peer.channel = peer.pc.createDataChannel('chat');
          peer.channel.onmessage = m => peer.received.push(m.data);
          await peer.pc.setLocalDescription(await peer.pc.createOffer());
          return peer.pc.localDescription.sdp;
        }
        """;

    private const string Answer = """
        async (sdp) => {
          const pc = window.peer.pc;
          await pc.setRemoteDescription({ type: 'offer', sdp });
          await pc.setLocalDescription(await pc.createAnswer());
          return pc.localDescription.sdp;
        }
        """;

    private const string SelectedPair = """
        async () => {
          const stats = await window.peer.pc.getStats();
          let pairId = null;
          stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
          const pair = pairId && stats.get(pairId);
          if (!pair) return JSON.stringify(null);
          const local = stats.get(pair.localCandidateId);
          const remote = stats.get(pair.remoteCandidateId);
          return JSON.stringify({
            state: pair.state,
            localType: local.candidateType, localAddress: local.address, relayProtocol: local.relayProtocol ?? null, url: local.url ?? null,
            remoteType: remote.candidateType, remoteAddress: remote.address,
          });
        }
        """;

    private RelayPeer(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Opens a page with a peer connection using <paramref name="iceServers"/>, serialized as the server sends them.</summary>
    public static async Task<RelayPeer> OpenAsync(IBrowserContext context, IReadOnlyList<IceServer> iceServers)
    {
        var page = await context.NewPageAsync().Limit();
        var wire = JsonSerializer.Serialize(iceServers, WireFormat.Json);
        await page.EvaluateAsync(Setup, wire).Limit();
        return new RelayPeer(page);
    }

    /// <summary>Adds the canvas video and a data channel, and returns the offer.</summary>
    public Task<string> OfferAsync() => Page.EvaluateAsync<string>(Offer).Limit();

    public Task<string> AnswerAsync(string offer) => Page.EvaluateAsync<string>(Answer, offer).Limit();

    public Task AcceptAnswerAsync(string answer) =>
        Page.EvaluateAsync("async (sdp) => { await window.peer.pc.setRemoteDescription({ type: 'answer', sdp }); }", answer).Limit();

    /// <summary>Waits until candidate gathering has finished (the null candidate), however it ended.</summary>
    public Task WaitUntilGatheredAsync() =>
        Page.WaitForFunctionAsync("() => window.peer.gathered", null, new() { Timeout = 45_000 }).Limit(TimeSpan.FromSeconds(50));

    /// <summary>The candidates gathered, as JSON <c>RTCIceCandidateInit</c>s (what <c>SendSignal</c> will carry).</summary>
    public async Task<IReadOnlyList<JsonElement>> CandidatesAsync() =>
        JsonSerializer.Deserialize<JsonElement[]>(await Page.EvaluateAsync<string>("() => JSON.stringify(window.peer.candidates)").Limit()) ?? [];

    public async Task<IReadOnlyList<JsonElement>> CandidateErrorsAsync() =>
        JsonSerializer.Deserialize<JsonElement[]>(await Page.EvaluateAsync<string>("() => JSON.stringify(window.peer.errors)").Limit()) ?? [];

    public async Task AddCandidatesAsync(IEnumerable<JsonElement> candidates)
    {
        foreach (var candidate in candidates)
        {
            await Page.EvaluateAsync("async (c) => { await window.peer.pc.addIceCandidate(JSON.parse(c)); }", candidate.GetRawText()).Limit();
        }
    }

    public Task<string> IceConnectionStateAsync() => Page.EvaluateAsync<string>("() => window.peer.pc.iceConnectionState").Limit();

    public async Task WaitUntilConnectedAsync()
    {
        try
        {
            await Page.WaitForFunctionAsync("() => ['connected', 'completed'].includes(window.peer.pc.iceConnectionState)", null, new() { Timeout = 30_000 })
                .Limit(TimeSpan.FromSeconds(35));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"ICE did not connect within 30 s: iceConnectionState is '{await IceConnectionStateAsync()}'.", e);
        }
    }

    /// <summary>The candidate pair ICE chose, from <c>getStats()</c>; null when there is none.</summary>
    /// <summary>
    /// The selected candidate pair as getStats reports it. The report can trail the "connected" state by a moment,
    /// and no event says when it is there, so it is read again for up to 5 s.
    /// </summary>
    public async Task<JsonElement?> SelectedPairAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var json = await Page.EvaluateAsync<string>(SelectedPair).Limit();
            var pair = JsonSerializer.Deserialize<JsonElement>(json);
            if (pair.ValueKind != JsonValueKind.Null) return pair;
            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(100).Limit();
        }
    }

    public Task WaitUntilFramesDecodedAsync(int frames) =>
        Page.WaitForFunctionAsync($"() => window.peer.framesDecoded >= {frames}", null, new() { Timeout = 30_000 }).Limit(TimeSpan.FromSeconds(35));

    /// <summary>Sends on the offerer's data channel once it is open, and waits for the other side's echo.</summary>
    public Task RoundTripAsync(string text) =>
        Page.EvaluateAsync("""
            async (text) => {
              const peer = window.peer;
              if (peer.channel.readyState !== 'open') await new Promise(resolve => peer.channel.addEventListener('open', resolve, { once: true }));
              peer.channel.send(text);
              while (!peer.received.includes('echo: ' + text)) await new Promise(resolve => setTimeout(resolve, 50));
            }
            """, text).Limit();
}
