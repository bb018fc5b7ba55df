/**
 * The table of every verification status code (invariant 5). Codes are stable dotted names that
 * tests, the API, the CLI and the extension rely on; messages are not. Adding a code is fine,
 * renaming one is a protocol change. `satisfies` makes a typo in a code or a kind a compile error.
 */

export const DIMENSIONS = [
  'integrity',
  'signatures',
  'identity',
  'transforms',
  'cosigning',
  'anchoring',
  'quote',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** success: a check passed. informational: neutral or a caveat, never a failure. failure: something checked is false. */
export const STATUS_KINDS = ['success', 'informational', 'failure'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

export interface StatusCodeInfo {
  readonly kind: StatusKind;
  readonly dimension: Dimension;
  readonly summary: string;
}

export const STATUS_CODES = {
  // integrity: the claim itself and its binding to the media in front of the verifier
  'claim.valid': { kind: 'success', dimension: 'integrity', summary: 'The claim is well-formed' },
  'claim.malformed': { kind: 'failure', dimension: 'integrity', summary: 'The manifest or its claim is malformed' },
  'binding.file.match': { kind: 'success', dimension: 'integrity', summary: 'The file bytes match the claim' },
  'binding.file.mismatch': {
    kind: 'failure',
    dimension: 'integrity',
    summary: 'The file presented as the subject of this claim has different bytes',
  },
  'binding.pixels.match': { kind: 'success', dimension: 'integrity', summary: 'The decoded pixels match the claim' },
  'binding.pixels.mismatch': {
    kind: 'failure',
    dimension: 'integrity',
    summary: 'The decoded pixels differ from the claimed raster',
  },
  'binding.packets.match': {
    kind: 'success',
    dimension: 'integrity',
    summary: 'The media packets match the claimed packet root',
  },
  'binding.packets.mismatch': {
    kind: 'failure',
    dimension: 'integrity',
    summary: 'The media packets differ from the claimed packet root',
  },
  'binding.fingerprint.close': {
    kind: 'informational',
    dimension: 'integrity',
    summary: 'Perceptually the same as the signed media but not an exact copy (e.g. re-encoded)',
  },
  'binding.fingerprint.far': {
    kind: 'failure',
    dimension: 'integrity',
    summary: 'Perceptually different from the signed media',
  },
  'clip.exact': {
    kind: 'success',
    dimension: 'integrity',
    summary: 'The clip is an exact run of the recording’s packets',
  },
  'clip.consistent': {
    kind: 'informational',
    dimension: 'integrity',
    summary: 'The clip matches the recording acoustically or visually, not exactly',
  },
  'clip.mismatch': { kind: 'failure', dimension: 'integrity', summary: 'The clip does not come from the recording' },
  'binding.recording.ok': {
    kind: 'success',
    dimension: 'integrity',
    summary: 'The transcript names a signed recording that was found and verifies',
  },
  'binding.recording.missing': {
    kind: 'informational',
    dimension: 'integrity',
    summary: 'The recording manifest the transcript names was not available to check',
  },
  'binding.recording.invalid': {
    kind: 'failure',
    dimension: 'integrity',
    summary: 'The manifest the transcript names is not a validly signed recording',
  },
  'provenance.none': {
    kind: 'informational',
    dimension: 'integrity',
    summary: 'No provenance was found for this content',
  },

  // signatures
  'signature.valid': { kind: 'success', dimension: 'signatures', summary: 'The signature verifies' },
  'signature.invalid': { kind: 'failure', dimension: 'signatures', summary: 'The signature does not verify' },
  'signature.malformed': {
    kind: 'failure',
    dimension: 'signatures',
    summary: 'The signature entry is malformed for its algorithm',
  },
  'signature.keyMismatch': {
    kind: 'failure',
    dimension: 'signatures',
    summary: 'The key id does not belong to the public key',
  },
  'signature.duplicate': {
    kind: 'informational',
    dimension: 'signatures',
    summary: 'Further signatures by the same key were ignored',
  },
  'signature.none': { kind: 'failure', dimension: 'signatures', summary: 'The manifest carries no signature' },

  // identity and trust
  'identity.trusted': { kind: 'success', dimension: 'identity', summary: 'The signer’s key chains to a trusted root' },
  'identity.untrusted': {
    kind: 'informational',
    dimension: 'identity',
    summary: 'The signer’s key is not endorsed by a trusted root (untrusted is not invalid)',
  },
  'identity.unknownKey': {
    kind: 'informational',
    dimension: 'identity',
    summary: 'No key statement is known for the signer’s key',
  },
  'identity.revoked': {
    kind: 'failure',
    dimension: 'identity',
    summary: 'The key was revoked before this signature was logged',
  },
  'identity.revokedAfterLogging': {
    kind: 'informational',
    dimension: 'identity',
    summary: 'The key was revoked after this signature was logged; the signature stands',
  },
  'identity.statement.invalid': {
    kind: 'failure',
    dimension: 'identity',
    summary: 'A key statement or endorsement does not verify',
  },

  // transforms: derivative chains and replay
  'transform.replay.consistent': {
    kind: 'success',
    dimension: 'transforms',
    summary: 'Replaying the recipe on the revealed tiles matches the shown pixels',
  },
  'transform.replay.inconsistent': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'Replaying the recipe on the revealed tiles does not match the shown pixels',
  },
  'transform.replay.skipped': {
    kind: 'informational',
    dimension: 'transforms',
    summary: 'The recipe could not be replayed (no revealed tiles)',
  },
  'transform.replay.localEdit': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'Part of the shown picture differs from the replayed recipe (e.g. retouched, cloned or covered)',
  },
  'transform.replay.colorMismatch': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The shown colours or brightness differ from what the recipe states',
  },
  'transform.replay.geometryMismatch': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The shown framing differs from what the recipe states (e.g. another crop offset)',
  },
  'transform.tiles.invalid': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The revealed reference tiles are not the capture’s committed tiles',
  },
  'transform.parent.missing': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The parent manifest could not be found',
  },
  'transform.chain.broken': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The chain back to the capture claim is broken',
  },
  'transform.chain.ok': {
    kind: 'success',
    dimension: 'transforms',
    summary: 'The chain leads back to a capture claim',
  },

  // transforms: the original capture's allowed-transform policy, one entry per recipe op
  'policy.op.forbidden': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The edit is not allowed by the original’s policy',
  },
  'policy.crop.ok': { kind: 'success', dimension: 'transforms', summary: 'Crop within policy' },
  'policy.crop.tooSmall': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The crop keeps less of the original than the policy allows',
  },
  'policy.crop.outOfBounds': { kind: 'failure', dimension: 'transforms', summary: 'The crop leaves the image' },
  'policy.crop.aspectOutOfRange': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The crop’s aspect ratio is outside the policy',
  },
  'policy.orient.ok': { kind: 'success', dimension: 'transforms', summary: 'Orientation change within policy' },
  'policy.orient.rotationForbidden': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'Rotation is not allowed by the policy',
  },
  'policy.orient.flipForbidden': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'Mirroring is not allowed by the policy',
  },
  'policy.color.ok': { kind: 'success', dimension: 'transforms', summary: 'Colour adjustment within policy' },
  'policy.color.outOfRange': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The cumulative colour adjustment is outside the policy',
  },
  'policy.resize.ok': { kind: 'success', dimension: 'transforms', summary: 'Resize within policy' },
  'policy.resize.tooSmall': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The resize makes the long edge smaller than the policy allows',
  },
  'policy.resize.aspectChanged': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The resize distorts the aspect ratio',
  },
  'policy.redact.ok': { kind: 'success', dimension: 'transforms', summary: 'Redaction within policy' },
  'policy.redact.tooLarge': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The redacted area is larger than the policy allows',
  },
  'policy.redact.outOfBounds': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The redaction leaves the image',
  },
  'policy.encode.ok': { kind: 'success', dimension: 'transforms', summary: 'Re-encoding within policy' },
  'policy.encode.formatForbidden': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The output format is not allowed by the policy',
  },
  'policy.encode.qualityTooLow': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The encoding quality is below the policy minimum',
  },
  'policy.trim.ok': { kind: 'success', dimension: 'transforms', summary: 'Trim within policy' },
  'policy.trim.tooShort': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The trimmed clip is shorter than the policy allows',
  },
  'policy.trim.outOfBounds': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The trim is outside the recording or outside an earlier trim',
  },
  'policy.trim.afterTranscode': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'A trim after a transcode cannot be tied to the original packets',
  },
  'policy.transcode.ok': { kind: 'success', dimension: 'transforms', summary: 'Transcode within policy' },
  'policy.transcode.codecForbidden': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The output codec is not allowed by the policy',
  },
  'policy.transcode.bitrateTooLow': {
    kind: 'failure',
    dimension: 'transforms',
    summary: 'The output bitrate is below the policy minimum',
  },

  // co-signing (k of n)
  'cosign.complete': {
    kind: 'success',
    dimension: 'cosigning',
    summary: 'The threshold of required co-signers has signed',
  },
  'cosign.partial': {
    kind: 'informational',
    dimension: 'cosigning',
    summary: 'Fewer than the threshold of required co-signers have signed so far',
  },
  'cosign.unknownSigner': {
    kind: 'informational',
    dimension: 'cosigning',
    summary: 'A key outside the required co-signers also signed',
  },
  'cosign.notRequired': {
    kind: 'informational',
    dimension: 'cosigning',
    summary: 'The claim names no required co-signers',
  },

  // anchoring in the transparency log and on chain
  'anchor.included': {
    kind: 'success',
    dimension: 'anchoring',
    summary: 'Logged: included in an authenticated checkpoint',
  },
  'anchor.finalized': {
    kind: 'success',
    dimension: 'anchoring',
    summary: 'The checkpoint is anchored in a finalized block',
  },
  'anchor.pending': {
    kind: 'informational',
    dimension: 'anchoring',
    summary: 'Logged, but the checkpoint is not anchored or not yet final',
  },
  'anchor.notChecked': { kind: 'informational', dimension: 'anchoring', summary: 'Anchoring was not checked' },
  'anchor.proof.invalid': {
    kind: 'failure',
    dimension: 'anchoring',
    summary: 'The inclusion or consistency proof does not verify',
  },
  'anchor.checkpoint.unauthenticated': {
    kind: 'failure',
    dimension: 'anchoring',
    summary: 'The proof’s checkpoint matches no checkpoint authenticated by the chain or the log key',
  },

  // quotes
  'quote.exact': {
    kind: 'success',
    dimension: 'quote',
    summary: 'The quoted words are exactly the attested transcript words',
  },
  'quote.close': {
    kind: 'informational',
    dimension: 'quote',
    summary: 'Close, not exact: some words, numbers or spellings differ',
  },
  'quote.mismatch': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'The quoted words are not in the attested transcript',
  },
  'quote.words.substituted': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'Misquote: the quote replaces words the transcript has',
  },
  'quote.words.inserted': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'Misquote: the quote adds words the speaker did not say there',
  },
  'quote.words.deleted': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'Misquote: the quote leaves out words without an ellipsis',
  },
  'quote.speaker.mismatch': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'Misquote: the words were said by another speaker than the one named',
  },
  'quote.time.mismatch': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'The attested time range is not the time of the quoted words',
  },
  'quote.splice': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'Misquote: separate passages are joined as one without an ellipsis',
  },
  'quote.source.ok': {
    kind: 'success',
    dimension: 'quote',
    summary: 'The quoted transcript manifest was found and is validly signed',
  },
  'quote.source.missing': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'The transcript the quote cites could not be found, so the quote cannot be checked',
  },
  'quote.source.invalid': {
    kind: 'failure',
    dimension: 'quote',
    summary: 'The manifest the quote cites is not a validly signed transcript',
  },
  'quote.proof.invalid': { kind: 'failure', dimension: 'quote', summary: 'The quote proof does not verify' },
} as const satisfies Record<string, StatusCodeInfo>;

export type StatusCode = keyof typeof STATUS_CODES;

/** Codes whose kind is fixed to `K` (e.g. every failure code), as a type. */
export type StatusCodeOfKind<K extends StatusKind> = {
  [C in StatusCode]: (typeof STATUS_CODES)[C]['kind'] extends K ? C : never;
}[StatusCode];

export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'string' && Object.hasOwn(STATUS_CODES, value);
}
