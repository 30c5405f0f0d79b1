import type { CallMediaState } from '@mockboard/contracts';
import type { CameraState, CallSnapshot, MediaDevices, MicState } from './call-state';
import { constraintsFor, deviceProblem, type CallMedia } from './media';
import type { TrackKind } from './peer-link';

export interface LocalMediaEvents {
  /** What to send on every connection changed (null: nothing). */
  onOutgoing(kind: TrackKind, track: MediaStreamTrack | null): void;
  /** The mute or camera state the partner should hear about changed. */
  onMediaState(): void;
  /** Anything the screen shows changed. */
  onChange(): void;
}

type Selected = CallSnapshot['selected'];

const MIC_HELP: Record<'denied' | 'unavailable', string> = {
  denied:
    'The browser blocked the microphone. Allow it in the address bar’s site settings, then choose “Try again”; meanwhile you can still hear your partner.',
  unavailable:
    'No microphone could be opened: plug one in, or close the program using it, then choose “Try again”.',
};
const CAMERA_HELP: Record<'denied' | 'unavailable', string> = {
  denied: 'The browser blocked the camera. Allow it in the address bar’s site settings.',
  unavailable: 'No camera could be opened: it may be in use by another program.',
};

/**
 * This tab's microphone and camera: asks for them, swaps devices, mutes. What leaves the tab is
 * the outgoing track of each kind: the microphone unless muted, the camera while it is on.
 */
export class LocalMedia {
  mic: MicState = 'pending';
  camera: CameraState = 'off';
  problem: string | null = null;
  devices: MediaDevices = { audioInputs: [], videoInputs: [], audioOutputs: [] };
  selected: Selected = { audioInput: null, videoInput: null, audioOutput: null };
  /** A fresh stream whenever a track changes, so the preview re-renders. */
  stream: MediaStream | null = null;
  private micTrack: MediaStreamTrack | null = null;
  private cameraTrack: MediaStreamTrack | null = null;
  private muted: boolean;
  private active = false;
  private stopDeviceWatch: (() => void) | null = null;

  /** `muted`: the microphone starts muted (the person's choice before a reload): nothing leaves. */
  constructor(
    private readonly media: CallMedia,
    private readonly events: LocalMediaEvents,
    muted = false,
  ) {
    this.muted = muted;
  }

  outgoing(kind: TrackKind): MediaStreamTrack | null {
    if (kind === 'video') return this.cameraTrack;
    return this.muted ? null : this.micTrack;
  }

  get state(): CallMediaState {
    return { audio: this.outgoing('audio') !== null, video: this.cameraTrack !== null };
  }

  /** Asks for the microphone at once: where permission exists, nobody has to click to be heard. */
  async start(): Promise<void> {
    this.active = true;
    this.stopDeviceWatch ??= this.media.onDeviceChange(() => void this.refreshDevices());
    await this.openMicrophone(this.selected.audioInput);
  }

  /** After a refusal or a missing device: ask again (the person changed a setting or plugged one in). */
  async retryMicrophone(): Promise<void> {
    if (this.active && (this.mic === 'denied' || this.mic === 'unavailable'))
      await this.openMicrophone(this.selected.audioInput);
  }

  toggleMute(): void {
    if (!this.micTrack) return;
    this.muted = !this.muted;
    this.mic = this.muted ? 'muted' : 'on';
    this.events.onOutgoing('audio', this.outgoing('audio'));
    this.events.onMediaState();
    this.events.onChange();
  }

  async toggleCamera(): Promise<void> {
    if (this.camera === 'starting' || !this.active) return;
    if (this.cameraTrack) return this.closeCamera();
    await this.openCamera(this.selected.videoInput);
  }

  async select(kind: 'audioinput' | 'videoinput' | 'audiooutput', deviceId: string): Promise<void> {
    if (kind === 'audiooutput') {
      this.selected = { ...this.selected, audioOutput: deviceId };
      this.events.onChange();
    } else if (kind === 'audioinput') {
      this.selected = { ...this.selected, audioInput: deviceId };
      if (this.active) await this.openMicrophone(deviceId);
    } else {
      this.selected = { ...this.selected, videoInput: deviceId };
      if (this.cameraTrack) await this.openCamera(deviceId);
      else this.events.onChange();
    }
  }

  /** Lets go of the microphone and camera (the browser's recording light goes out). */
  release(): void {
    this.active = false;
    this.stopDeviceWatch?.();
    this.stopDeviceWatch = null;
    this.micTrack?.stop();
    this.cameraTrack?.stop();
    this.micTrack = null;
    this.cameraTrack = null;
    this.mic = 'pending';
    this.camera = 'off';
    // Muted stays muted: a call taken back into this tab must not open the microphone unasked.
    this.stream = null;
    this.events.onOutgoing('audio', null);
    this.events.onOutgoing('video', null);
  }

  private async openMicrophone(deviceId: string | null): Promise<void> {
    let track: MediaStreamTrack | undefined;
    try {
      const stream = await this.media.getUserMedia(constraintsFor('audio', deviceId));
      track = stream.getAudioTracks()[0];
      if (!track) throw new DOMException('No audio track', 'NotFoundError');
    } catch (error) {
      if (!this.active) return;
      // A failed switch keeps the microphone that works.
      if (this.micTrack) this.problem = MIC_HELP.unavailable;
      else {
        this.mic = deviceProblem(error);
        this.problem = MIC_HELP[this.mic];
        this.events.onMediaState();
      }
      await this.refreshDevices();
      return;
    }
    if (!this.active) return track.stop();
    this.micTrack?.stop();
    this.micTrack = track;
    track.addEventListener('ended', () => this.lostMicrophone(track));
    this.mic = this.muted ? 'muted' : 'on';
    this.problem = null;
    this.selected = { ...this.selected, audioInput: track.getSettings().deviceId ?? deviceId };
    this.events.onOutgoing('audio', this.outgoing('audio'));
    this.events.onMediaState();
    // Device names are only listed once the page has access.
    await this.refreshDevices();
  }

  /** Unplugged, or taken by the system: tell the person, and send nothing. */
  private lostMicrophone(track: MediaStreamTrack): void {
    if (track !== this.micTrack) return;
    this.micTrack = null;
    this.mic = 'unavailable';
    this.problem = MIC_HELP.unavailable;
    this.events.onOutgoing('audio', null);
    this.events.onMediaState();
    this.refreshStream();
  }

  private async openCamera(deviceId: string | null): Promise<void> {
    this.camera = 'starting';
    this.events.onChange();
    let track: MediaStreamTrack | undefined;
    try {
      const stream = await this.media.getUserMedia(constraintsFor('video', deviceId));
      track = stream.getVideoTracks()[0];
      if (!track) throw new DOMException('No video track', 'NotFoundError');
    } catch (error) {
      if (!this.active) return;
      this.camera = this.cameraTrack ? 'on' : deviceProblem(error);
      this.problem = CAMERA_HELP[deviceProblem(error)];
      this.events.onChange();
      return;
    }
    if (!this.active) return track.stop();
    this.cameraTrack?.stop();
    this.cameraTrack = track;
    this.camera = 'on';
    this.selected = { ...this.selected, videoInput: track.getSettings().deviceId ?? deviceId };
    this.events.onOutgoing('video', track);
    this.events.onMediaState();
    await this.refreshDevices();
  }

  private closeCamera(): void {
    this.cameraTrack?.stop();
    this.cameraTrack = null;
    this.camera = 'off';
    this.events.onOutgoing('video', null);
    this.events.onMediaState();
    this.refreshStream();
  }

  private async refreshDevices(): Promise<void> {
    let all: MediaDeviceInfo[] = [];
    try {
      all = await this.media.enumerateDevices();
    } catch {
      // No list: the pickers stay empty, the default devices still work.
    }
    this.devices = {
      audioInputs: all.filter((device) => device.kind === 'audioinput'),
      videoInputs: all.filter((device) => device.kind === 'videoinput'),
      audioOutputs: this.media.canPickSpeaker ? all.filter((device) => device.kind === 'audiooutput') : [],
    };
    this.refreshStream();
  }

  private refreshStream(): void {
    const tracks = [this.micTrack, this.cameraTrack].filter((track) => track !== null);
    this.stream = tracks.length > 0 ? this.media.streamOf(tracks) : null;
    this.events.onChange();
  }
}
