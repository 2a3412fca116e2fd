// Small media pieces: a video element showing a stream, the microphone's level meter, the speaker's test sound.
import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.tsx';

export function StreamVideo({ stream, muted, label, mirrored = false }: { stream: MediaStream | null; muted: boolean; label: string; mirrored?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);
  return <video ref={ref} className={mirrored ? 'nl-video__media nl-video__media--mirrored' : 'nl-video__media'} autoPlay playsInline muted={muted} aria-label={label} />;
}

/** The microphone's loudness, drawn straight into a <meter> (no React render per frame). */
export function MicLevel({ stream }: { stream: MediaStream | null }) {
  const t = useT();
  const meter = useRef<HTMLMeterElement>(null);
  const [heard, setHeard] = useState(false);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return undefined;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      if (meter.current) meter.current.value = level;
      if (level > 0.05) setHeard(true);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void context.close();
    };
  }, [stream]);
  const noAudio = !stream || stream.getAudioTracks().length === 0;
  return (
    <div className="nl-video-check__row">
      <label className="nl-video-meter">
        <span>{t('video.check.level')}</span>
        <meter ref={meter} min={0} max={1} low={0.05} high={0.9} optimum={0.5} value={0} />
      </label>
      <Paragraph data-size="sm" aria-live="polite">
        {noAudio ? t('video.check.noMicrophone') : heard ? t('video.check.levelHeard') : t('video.check.levelSpeak')}
      </Paragraph>
    </div>
  );
}

/** A short tone on the speaker or headphones, made in the page (no file to fetch). */
export function TestSound() {
  const t = useT();
  const [played, setPlayed] = useState(false);
  function play() {
    const context = new AudioContext();
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 660;
    gain.gain.setValueAtTime(0.2, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 1.2);
    tone.connect(gain).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 1.2);
    tone.onended = () => void context.close();
    setPlayed(true);
  }
  return (
    <div className="nl-video-check__row">
      <Button variant="secondary" onClick={play}>
        {t('video.check.playSound')}
      </Button>
      <Paragraph data-size="sm" aria-live="polite">
        {played ? t('video.check.soundPlayed') : t('video.check.soundHint')}
      </Paragraph>
    </div>
  );
}
