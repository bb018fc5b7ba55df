/**
 * The podcast half of the demo: the synthetic episode recording, signed by the host on the day it was recorded,
 * naming host and guest as the required signers (2 of 2), and co-signed by the guest a day later; the transcript,
 * committed to the same way (the host signs it as transcriber, the guest co-signs the next day).
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cosignManifest, MANIFEST_SUFFIX, signCapture, signTranscript } from '../signer/index.ts';
import { DEMO_TIMES, stoppedClock } from './clock.ts';
import type { DemoManifest } from './demo-manifest.ts';
import type { DemoKeys } from './keys.ts';
import { writeEpisodeAudio } from './podcast/audio.ts';
import { readTranscriptCues, TRANSCRIPT_VTT } from './podcast/cues.ts';
import type { DemoDirs } from './produce-photo.ts';
import { fixedSecret } from './random.ts';
import { PODCAST, VOICES } from './story.ts';

export interface ProducedPodcast {
  podcast: DemoManifest['podcast'];
  /** Absolute path of the transcript manifest (quotes are proven from it; its secret sidecar is beside it). */
  transcriptManifestPath: string;
}

export async function producePodcast(dirs: DemoDirs, keys: DemoKeys): Promise<ProducedPodcast> {
  const rel = (abs: string) => abs.slice(dirs.root.length + 1);
  const audioPath = join(dirs.public, 'chain-of-custody-e12.ogg');
  await writeEpisodeAudio(await readTranscriptCues(), VOICES, audioPath);
  const signed = await signCapture({
    file: audioPath,
    signer: keys.host,
    requiredSigners: { keys: [keys.host.key.keyId, keys.guest.key.keyId], threshold: 2 },
    policy: 'audio-standard',
    out: audioPath + MANIFEST_SUFFIX,
    force: true,
    title: PODCAST.title,
    now: stoppedClock(DEMO_TIMES.episodeRecorded),
  });
  // The guest listens back the next day and co-signs with their wallet key.
  await cosignManifest({
    manifestPath: signed.manifestPath,
    signer: keys.guest,
    now: stoppedClock(DEMO_TIMES.guestCosigned),
  });

  const vttCopy = join(dirs.public, 'chain-of-custody-e12.vtt');
  await copyFile(TRANSCRIPT_VTT, vttCopy);
  // The transcript's secret seed lives beside its manifest, so both stay in the producer's private directory.
  const transcript = await signTranscript({
    file: TRANSCRIPT_VTT,
    recording: signed.manifestPath,
    signer: keys.host,
    speakers: [
      { label: PODCAST.host, key: keys.host.key.keyId },
      { label: PODCAST.guest, key: keys.guest.key.keyId },
    ],
    language: 'en',
    title: `${PODCAST.title}: transcript`,
    out: join(dirs.capture, 'chain-of-custody-e12.transcript.provenant.json'),
    force: true,
    seed: fixedSecret('podcast/e12/transcript-seed'),
    now: stoppedClock(DEMO_TIMES.episodeRecorded),
  });
  await cosignManifest({
    manifestPath: transcript.manifestPath,
    signer: keys.guest,
    now: stoppedClock(DEMO_TIMES.guestCosigned),
  });
  return {
    transcriptManifestPath: transcript.manifestPath,
    podcast: {
      title: PODCAST.title,
      audio: {
        path: rel(audioPath),
        mediaType: 'audio/ogg',
        manifestPath: rel(signed.manifestPath),
        manifestId: signed.manifestId,
      },
      vtt: { path: rel(vttCopy), mediaType: 'text/vtt' },
      transcript: { manifestPath: rel(transcript.manifestPath), manifestId: transcript.manifestId },
      host: PODCAST.host,
      guest: PODCAST.guest,
    },
  };
}
