/**
 * The auditor's findings: stable dotted codes (tests and scripts rely on them, never on messages). A failure
 * means something the operator served or anchored is provably wrong; informational is a caveat.
 */
export const AUDIT_CODES = {
  'audit.chain.noAnchors': { kind: 'informational', summary: 'The contract holds no checkpoint yet' },
  'audit.chain.pending': { kind: 'informational', summary: 'Some anchors are not yet at the finalized block tag' },
  'audit.chain.seqGap': { kind: 'failure', summary: 'Anchored events skip or repeat a sequence number' },
  'audit.chain.eventMismatch': { kind: 'failure', summary: "An Anchored event disagrees with the contract's state" },
  'audit.chain.sizeNotGrowing': { kind: 'failure', summary: 'An anchor does not grow the tree' },
  'audit.chain.linkBroken': { kind: 'failure', summary: "An anchor does not name its predecessor's root" },
  'audit.consistency.invalid': {
    kind: 'failure',
    summary: 'The log cannot prove two successive anchors consistent (the history was rewritten)',
  },
  'audit.log.truncated': { kind: 'failure', summary: 'The log serves fewer entries than were anchored' },
  'audit.entry.missing': { kind: 'failure', summary: 'An index is missing from the served entries' },
  'audit.entry.malformed': { kind: 'failure', summary: 'A served leaf does not decode' },
  'audit.root.mismatch': { kind: 'failure', summary: 'The served leaves do not rebuild an anchored root' },
  'audit.entry.reordered': { kind: 'failure', summary: 'An entry is served at another index than its record says' },
  'audit.entry.backdated': {
    kind: 'failure',
    summary: "An entry's receivedAt is earlier than its place in the anchored history allows",
  },
  'audit.entry.postdated': { kind: 'failure', summary: "An entry's receivedAt is later than the anchor including it" },
  'audit.manifest.missing': { kind: 'failure', summary: 'A logged manifest is no longer served' },
  'audit.manifest.mismatch': { kind: 'failure', summary: 'A served manifest does not hash to its log leaf' },
  'audit.signature.invalid': { kind: 'failure', summary: 'A served signature does not verify over its claim' },
  'audit.cosignature.missing': { kind: 'failure', summary: 'A logged co-signature is no longer served' },
  'audit.checkpoint.splitView': {
    kind: 'failure',
    summary: 'A served checkpoint contradicts the chain or the log (a different view for different clients)',
  },
  'audit.checkpoint.badSignature': { kind: 'failure', summary: "A served checkpoint is not signed by the log's key" },
  'audit.receipt.invalid': { kind: 'failure', summary: 'A receipt file is malformed or not signed by the log' },
  'audit.receipt.dropped': { kind: 'failure', summary: 'A receipted submission is not in the log at its index' },
  'audit.receipt.late': { kind: 'failure', summary: 'A receipted submission was not anchored by its deadline' },
  'audit.receipt.pending': {
    kind: 'informational',
    summary: 'A receipted submission awaits its anchor (deadline ahead)',
  },
} as const satisfies Record<string, { kind: 'failure' | 'informational'; summary: string }>;

export type AuditCode = keyof typeof AUDIT_CODES;

export interface Finding {
  code: AuditCode;
  kind: 'failure' | 'informational';
  /** Human detail (not stable). */
  detail: string;
  /** Where: an anchor sequence number, a log index, a manifest id or a receipt file. */
  seq?: number;
  index?: number;
  manifestId?: string;
  file?: string;
}

export type FindingWhere = Pick<Finding, 'seq' | 'index' | 'manifestId' | 'file'>;

export function finding(code: AuditCode, detail: string, where: FindingWhere = {}): Finding {
  return { code, kind: AUDIT_CODES[code].kind, detail, ...where };
}
