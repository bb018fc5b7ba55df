/**
 * The typed summary of a seeded demo (written as `demo.json` in the data directory): where every file is and which
 * manifest signs it, so the demo site, the end-to-end tests and the composition root never guess file names.
 * Paths are relative to the data directory, so the directory can be moved.
 */
import type { DemoKeyName } from './keys.ts';

export const DEMO_MANIFEST_FILE = 'demo.json';
/** 2: the tampered copy is signed (a derivative claim by the unendorsed `viral` key). */
export const DEMO_FORMAT_VERSION = 2;

export interface DemoFile {
  /** Path relative to the data directory. */
  path: string;
  mediaType: string;
}

export interface SignedDemoFile extends DemoFile {
  manifestPath: string;
  manifestId: string;
}

export interface DemoQuote {
  text: string;
  speaker: string;
  t0: number;
  t1: number;
  manifestPath: string;
  manifestId: string;
}

export interface DemoManifest {
  v: typeof DEMO_FORMAT_VERSION;
  /** Root keys a demo verifier trusts (the camera maker and the newsroom), with their statements. */
  trustPath: string;
  keys: Record<DemoKeyName, { keyId: string; name: string; path: string }>;
  photo: {
    /** The camera's original (signed by the device key the maker endorsed); not shown on the page. */
    capture: SignedDemoFile;
    /** The photo desk's crop + colour adjustment of it (a signed derivative). */
    published: SignedDemoFile;
    /** The CDN's WebP re-encode of the published photo, metadata stripped; signed by nobody. */
    cdn: DemoFile & { copyOf: string };
    /**
     * The published picture with smoke painted in, signed by the unendorsed viral reposter as a derivative of the
     * capture (`claimsParent`) with the photo desk's recipe and the capture's revealed tiles: the recipe, replayed,
     * does not give these pixels. `copyOf` is the published photo's manifest, whose pixels it repaints.
     */
    tampered: SignedDemoFile & { claimsParent: string; copyOf: string };
    /** A picture nobody signed. */
    unsigned: DemoFile;
  };
  podcast: {
    title: string;
    /** The recording, signed by the host and co-signed a day later by the guest (2 of 2 required). */
    audio: SignedDemoFile;
    /** The committed WebVTT the transcript manifest was made from. */
    vtt: DemoFile;
    /** The transcript manifest, signed by the host and co-signed by the guest (2 of 2 required). */
    transcript: { manifestPath: string; manifestId: string } | null;
    host: string;
    guest: string;
  };
  /** Attested quotes from the episode, published by the newsroom (one with an ellipsis). */
  quotes: DemoQuote[];
  /**
   * A misquote printed as if it were the first quote (one word dropped), kept with the first attestation's proof
   * and signature, which therefore cover other words: it must never verify. Not submitted to the API.
   */
  misquote: { text: string; speaker: string; claimsToBe: string; manifestPath: string } | null;
  /** What could not be produced with this signer (e.g. a command not yet available). */
  notes: string[];
}
