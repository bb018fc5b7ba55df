/**
 * Where a stream-copied clip sits in its recording: the start index of a contiguous run of the recording's packet
 * leaves equal to the clip's leaves. Identical packets repeat (digital silence, a still picture), so among all
 * matching runs the one starting nearest the requested time wins.
 */
import { bytesToHex, equalBytes } from '../../core/bytes.ts';

export function locateRun(
  recording: readonly Uint8Array[],
  recordingStartMs: readonly number[],
  clip: readonly Uint8Array[],
  nearMs: number,
): number | null {
  const first = clip[0];
  if (first === undefined || clip.length > recording.length) return null;
  const want = bytesToHex(first);
  let best: number | null = null;
  for (let i = 0; i + clip.length <= recording.length; i++) {
    if (bytesToHex(recording[i] as Uint8Array) !== want) continue;
    let k = 1;
    while (k < clip.length && equalBytes(recording[i + k] as Uint8Array, clip[k] as Uint8Array)) k++;
    if (k < clip.length) continue;
    const distance = Math.abs((recordingStartMs[i] ?? 0) - nearMs);
    if (best === null || distance < Math.abs((recordingStartMs[best] ?? 0) - nearMs)) best = i;
  }
  return best;
}
