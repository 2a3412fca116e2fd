// The call's peer connections: one per other admitted participant (a mesh of at most four), negotiated over the live
// socket with the messages of signaling.ts. The later-admitted side offers; an ICE restart mends a failed connection.
// No React here: the page feeds it the roster, the signals, its tracks and the ICE servers, and reads `peers`.
import { isOfferer, type Admitted, type SignalData } from './signaling.ts';
import { qualityOf, sampleOf, type Quality, type StatsSample } from './quality.ts';
import { encodingsFor, FULL_VIDEO, nextStep, type StepState, type VideoLevel } from './step-down.ts';

export interface Peer {
  participantId: string;
  pc: RTCPeerConnection;
  gen: string;
  offerer: boolean;
  /** The other page's session once it answered or offered; a hello from another session means it was reloaded. */
  remoteSession: string | null;
  stream: MediaStream;
  state: RTCPeerConnectionState;
  quality: Quality | null;
  sample: StatsSample | null;
  /** How far the video sent to this peer is stepped down on a poor connection (step-down.ts); the sound keeps going. */
  step: StepState;
  /** 0: full video; 1: reduced; 2: paused, sound only. The same as step.level, for the page to show. */
  videoLevel: VideoLevel;
  /** Signals for this peer are handled one after another (SDP before its candidates). */
  queue: Promise<void>;
  createdAt: number;
}

export interface MeshOptions {
  me: Admitted;
  send: (to: string, data: SignalData) => boolean;
  onChange: () => void;
}

const randomId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
const STATS_EVERY_MS = 3000;
const ANSWER_WAIT_MS = 5000;

export class Mesh {
  readonly session = randomId();
  readonly peers = new Map<string, Peer>();
  private iceServers: RTCIceServer[] = [];
  private tracks: Record<'audio' | 'video', MediaStreamTrack | null> = { audio: null, video: null };
  private others = new Map<string, Admitted>();
  private closed = false;
  private timer: ReturnType<typeof setInterval>;

  private readonly options: MeshOptions;

  constructor(options: MeshOptions) {
    this.options = options;
    this.timer = setInterval(() => void this.measure(), STATS_EVERY_MS);
  }

  setIceServers(servers: RTCIceServer[]): void {
    this.iceServers = servers;
    for (const peer of this.peers.values()) peer.pc.setConfiguration({ ...peer.pc.getConfiguration(), iceServers: servers });
  }

  /** The local microphone and camera tracks (null: not sent); swapped on every connection without renegotiating. */
  setTracks(audio: MediaStreamTrack | null, video: MediaStreamTrack | null): void {
    this.tracks = { audio, video };
    for (const peer of this.peers.values()) this.attachTracks(peer.pc);
  }

  /** Brings the connections in line with the admitted participants (without me). */
  sync(admitted: Admitted[]): void {
    if (this.closed) return;
    const ids = new Set(admitted.map((a) => a.participantId));
    for (const [id, peer] of this.peers) if (!ids.has(id)) this.drop(id, peer);
    for (const other of admitted) {
      const known = this.others.has(other.participantId);
      this.others.set(other.participantId, other);
      if (known) continue;
      if (isOfferer(this.options.me, other)) this.connect(other.participantId);
      // The offerer may have offered before this page listened: a hello makes it offer again.
      else this.options.send(other.participantId, { kind: 'hello', session: this.session });
    }
    this.options.onChange();
  }

  /** After the socket came back: signals may have been lost, so connections not up are started again. */
  resume(): void {
    for (const other of this.others.values()) {
      const peer = this.peers.get(other.participantId);
      if (peer && peer.state === 'connected') continue;
      if (isOfferer(this.options.me, other)) this.connect(other.participantId);
      else this.options.send(other.participantId, { kind: 'hello', session: this.session });
    }
  }

  receive(from: string, data: SignalData): void {
    if (this.closed) return;
    const other = this.others.get(from) ?? { participantId: from, since: null };
    if (data.kind === 'hello') {
      const peer = this.peers.get(from);
      if (!isOfferer(this.options.me, other)) return;
      // A hello crossing our fresh offer is not a reload: the offer is on its way. Otherwise offer again.
      const answerPending = peer && peer.remoteSession === null && Date.now() - peer.createdAt < ANSWER_WAIT_MS;
      if (!peer || (peer.remoteSession !== data.session && !answerPending)) this.connect(from);
      return;
    }
    if (data.kind === 'offer') {
      let peer = this.peers.get(from);
      if (!peer || peer.gen !== data.gen) peer = this.create(from, false, data.gen);
      this.enqueue(peer, () => this.answer(peer, data));
      return;
    }
    const peer = this.peers.get(from);
    if (!peer || peer.gen !== data.gen) return;
    if (data.kind === 'answer') {
      this.enqueue(peer, async () => {
        if (peer.pc.signalingState !== 'have-local-offer') return;
        peer.remoteSession = data.session;
        await peer.pc.setRemoteDescription(data.sdp);
      });
    } else if (data.kind === 'candidate') {
      this.enqueue(peer, () => peer.pc.addIceCandidate(data.candidate).catch(() => undefined));
    } else if (data.kind === 'restart' && peer.offerer) {
      peer.pc.restartIce();
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const [id, peer] of this.peers) this.drop(id, peer);
    this.others.clear();
  }

  private connect(participantId: string): void {
    const peer = this.create(participantId, true, randomId());
    // Two transceivers, sending whatever tracks there are now; negotiationneeded then makes the offer.
    peer.pc.addTransceiver(this.tracks.audio ?? 'audio', { direction: 'sendrecv' });
    peer.pc.addTransceiver(this.tracks.video ?? 'video', { direction: 'sendrecv' });
  }

  private create(participantId: string, offerer: boolean, gen: string): Peer {
    const old = this.peers.get(participantId);
    if (old) this.drop(participantId, old);
    const pc = new RTCPeerConnection({ iceServers: this.iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const peer: Peer = { participantId, pc, gen, offerer, remoteSession: null, stream: new MediaStream(), state: 'new', quality: null, sample: null, step: FULL_VIDEO, videoLevel: 0, queue: Promise.resolve(), createdAt: Date.now() };
    this.peers.set(participantId, peer);
    const send = (data: SignalData) => this.peers.get(participantId) === peer && this.options.send(participantId, data);
    pc.onicecandidate = (event) => {
      if (event.candidate) send({ kind: 'candidate', session: this.session, gen, candidate: event.candidate.toJSON() });
    };
    pc.ontrack = (event) => {
      peer.stream.addTrack(event.track);
      // A new MediaStream object makes React give the video element the new track.
      peer.stream = new MediaStream(peer.stream.getTracks());
      this.options.onChange();
    };
    pc.onnegotiationneeded = () => {
      if (!offerer) return;
      this.enqueue(peer, async () => {
        await pc.setLocalDescription();
        if (pc.localDescription) send({ kind: 'offer', session: this.session, gen, sdp: pc.localDescription.toJSON() });
      });
    };
    pc.onconnectionstatechange = () => {
      peer.state = pc.connectionState;
      if (pc.connectionState === 'failed') {
        // Mend the path without starting over: the offerer restarts ICE, the answerer asks it to.
        if (offerer) pc.restartIce();
        else send({ kind: 'restart', session: this.session, gen });
      }
      this.options.onChange();
    };
    this.options.onChange();
    return peer;
  }

  private async answer(peer: Peer, offer: Extract<SignalData, { kind: 'offer' }>): Promise<void> {
    peer.remoteSession = offer.session;
    await peer.pc.setRemoteDescription(offer.sdp);
    for (const t of peer.pc.getTransceivers()) {
      if (t.currentDirection === 'stopped') continue;
      t.direction = 'sendrecv';
    }
    this.attachTracks(peer.pc);
    await peer.pc.setLocalDescription();
    if (peer.pc.localDescription && this.peers.get(peer.participantId) === peer) {
      this.options.send(peer.participantId, { kind: 'answer', session: this.session, gen: peer.gen, sdp: peer.pc.localDescription.toJSON() });
    }
  }

  private attachTracks(pc: RTCPeerConnection): void {
    for (const t of pc.getTransceivers()) {
      const kind = t.receiver.track.kind as 'audio' | 'video';
      if (t.currentDirection === 'stopped' || t.sender.track === this.tracks[kind]) continue;
      void t.sender.replaceTrack(this.tracks[kind]).catch(() => undefined);
    }
  }

  private enqueue(peer: Peer, work: () => Promise<unknown>): void {
    peer.queue = peer.queue.then(work).then(
      () => undefined,
      () => undefined,
    );
  }

  private drop(id: string, peer: Peer): void {
    // Closing frees the TURN allocations at once, instead of after coturn's timeout.
    peer.pc.close();
    this.peers.delete(id);
    this.options.onChange();
  }

  private async measure(): Promise<void> {
    let changed = false;
    for (const peer of this.peers.values()) {
      if (peer.pc.connectionState !== 'connected') continue;
      const sample = sampleOf(await peer.pc.getStats().catch(() => new Map() as unknown as RTCStatsReport));
      const quality = qualityOf(peer.sample, sample);
      peer.sample = sample;
      peer.step = nextStep(peer.step, quality);
      if (quality !== peer.quality || peer.step.level !== peer.videoLevel) {
        peer.quality = quality;
        peer.videoLevel = peer.step.level;
        changed = true;
      }
      await this.applyLevel(peer);
    }
    if (changed) this.options.onChange();
  }

  /** Sets the peer's video level (and the sound's priority) on its senders; does nothing when they are so already. */
  private async applyLevel(peer: Peer): Promise<void> {
    for (const t of peer.pc.getTransceivers()) {
      const kind = t.receiver.track.kind;
      if (t.currentDirection === 'stopped' || (kind !== 'audio' && kind !== 'video')) continue;
      try {
        const params = t.sender.getParameters();
        // No encodings before negotiation: the next sample tries again.
        const encodings = encodingsFor(kind, peer.videoLevel, params.encodings ?? []);
        if (encodings) await t.sender.setParameters({ ...params, encodings });
      } catch {
        // setParameters throws while renegotiating, or once the connection is closed: the next sample tries again.
      }
    }
  }
}
