/**
 * What the verdict UI shows. The report (core's status entries and derived state) is the evidence; the views are
 * the same facts arranged for a reader. Nothing here says "true" or "fake": provenance is not truth.
 */
import type { StatusEntry } from '../../../core/report/entry.ts';
import type { ReportState } from '../../../core/report/state.ts';

/** What the reader right-clicked. */
export type VerifyTarget =
  | { kind: 'media'; media: 'image' | 'video' | 'audio' | 'link'; url: string; pageUrl: string }
  | { kind: 'quote'; text: string; pageUrl: string };

export interface SignerView {
  keyId: string;
  role: string | null;
  name: string | null;
  /** device, person, org, software, model. */
  subjectKind: string | null;
  /** Names (or short key ids) of the endorsement chain above the signer, closest first. */
  endorsedBy: string[];
  trusted: boolean;
  revoked: boolean;
  /** The status code that decided this signer's identity line. */
  code: string;
}

export interface StepView {
  manifestId: string;
  kind: string;
  title: string | null;
  /** Recipe ops of this step with the policy code for each (derivatives only). */
  ops: { op: string; code: string }[];
  /** Replay code for this step (derivatives only), null for a capture. */
  replay: string | null;
}

export interface AnchorView {
  code: string;
  logIndex: number | null;
  treeSize: number | null;
  chainId: number | null;
  contract: string | null;
  seq: number | null;
  /** The finalized (or latest, for pending) block the checkpoint was read at. */
  block: number | null;
  /** Seconds since the epoch (block timestamp of the anchoring transaction). */
  anchoredAt: number | null;
  finalized: boolean;
}

export interface CosignView {
  signed: number;
  required: number;
  threshold: number;
}

/** One word of the comparison between the selected text and the attested quote. */
export interface WordDiff {
  op: 'same' | 'changed' | 'added' | 'missing';
  /** The word on the page (absent for `missing`). */
  shown?: string;
  /** The attested word (absent for `added`). */
  attested?: string;
}

export interface QuoteView {
  speaker: string;
  /** Milliseconds from the start of the recording. */
  t0: number;
  t1: number;
  /** The transcript's title (the episode), if it has one, and its manifest id. */
  episode: string | null;
  transcriptId: string;
  /** The attested quote as published, and its revealed words per fragment. */
  attestedText: string;
  fragments: string[][];
  /** Words left out at each ellipsis of the attested quote. */
  omittedWordCounts: number[];
  editorial: string[];
  /** Word diff of the selection against the attested words; null when they are the same. */
  diff: WordDiff[] | null;
  articleUrl: string | null;
}

export interface Verdict {
  state: ReportState;
  entries: StatusEntry[];
  manifestId: string | null;
  kind: string | null;
  title: string | null;
  /** How the media was found and bound: file bytes, decoded pixels or fingerprint. */
  foundBy: 'file' | 'pixels' | 'fingerprint' | null;
  capturedAt: number | null;
  createdAt: number | null;
  signers: SignerView[];
  cosigning: CosignView | null;
  /** From the media shown back to the capture: steps[0] is the shown manifest, the last one the capture. */
  steps: StepView[];
  anchor: AnchorView | null;
  /** For "Verify quote". */
  quote: QuoteView | null;
  notes: string[];
}
