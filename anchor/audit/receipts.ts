/**
 * Submission receipts (the log's signed promise: manifest m is entry i, received at t, anchored by the deadline).
 * A receipt is honoured iff entry i is that manifest with that receivedAt and an anchor including i was mined by
 * the deadline. Receipt signatures are checked when the log's verifier key is given.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64urlToBytes, concatBytes } from '../../core/bytes.ts';
import { canonicalBytes } from '../../core/canonical.ts';
import { keyIdOf, verifyBytes } from '../../core/crypto/keys.ts';
import { isProvenantError } from '../../core/errors.ts';
import { tagPrefix } from '../../core/hash.ts';
import { type LogLeaf, parseVerifierKey } from '../../core/log/index.ts';
import type { ChainAnchor } from './chain-history.ts';
import { type Finding, finding } from './codes.ts';

export interface ReceiptFile {
  file: string;
  body: { v: 1; origin: string; manifestId: string; logIndex: number; receivedAt: number; anchorDeadline: number };
  keyId: string;
  sig: string;
}

const DIGEST = /^[0-9a-f]{64}$/;

/** Reads every *.json in `dir`; malformed ones become findings. */
export function readReceipts(dir: string): { receipts: ReceiptFile[]; findings: Finding[] } {
  const receipts: ReceiptFile[] = [];
  const findings: Finding[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = join(dir, name);
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const body = {
        v: r.v,
        origin: r.origin,
        manifestId: r.manifestId,
        logIndex: r.logIndex,
        receivedAt: r.receivedAt,
        anchorDeadline: r.anchorDeadline,
      };
      const ok =
        body.v === 1 &&
        typeof body.origin === 'string' &&
        typeof body.manifestId === 'string' &&
        DIGEST.test(body.manifestId) &&
        Number.isSafeInteger(body.logIndex) &&
        Number.isSafeInteger(body.receivedAt) &&
        Number.isSafeInteger(body.anchorDeadline) &&
        typeof r.keyId === 'string' &&
        typeof r.sig === 'string';
      if (!ok) throw new Error('not a receipt');
      receipts.push({ file: name, body: body as ReceiptFile['body'], keyId: r.keyId as string, sig: r.sig as string });
    } catch {
      findings.push(finding('audit.receipt.invalid', 'not a receipt', { file: name }));
    }
  }
  return { receipts, findings };
}

export function receiptSignatureValid(r: ReceiptFile, logKey: string): boolean {
  try {
    const { publicKey } = parseVerifierKey(logKey);
    if (keyIdOf('ed25519', publicKey) !== r.keyId) return false;
    const message = concatBytes(tagPrefix('receipt'), canonicalBytes(r.body));
    return verifyBytes('ed25519', publicKey, message, base64urlToBytes(r.sig));
  } catch (e) {
    if (isProvenantError(e)) return false;
    throw e;
  }
}

export function checkReceipts(
  receipts: readonly ReceiptFile[],
  leaves: ReadonlyMap<number, LogLeaf | null>,
  anchors: readonly ChainAnchor[],
  logKey: string | null,
  now: number,
): Finding[] {
  const findings: Finding[] = [];
  for (const r of receipts) {
    const where = { file: r.file, index: r.body.logIndex, manifestId: r.body.manifestId };
    if (logKey && !receiptSignatureValid(r, logKey)) {
      findings.push(finding('audit.receipt.invalid', 'signature does not verify with the log key', where));
      continue;
    }
    const including = anchors.find((a) => a.treeSize > r.body.logIndex);
    const leaf = leaves.get(r.body.logIndex) ?? null;
    const matches =
      leaf !== null &&
      leaf.kind === 'manifest' &&
      leaf.manifestDigest === r.body.manifestId &&
      leaf.receivedAt === r.body.receivedAt;
    if (!matches) {
      // Absent entries beyond the anchored size may still arrive only if the deadline is ahead.
      if (leaf !== null || including || now > r.body.anchorDeadline) {
        findings.push(finding('audit.receipt.dropped', `entry ${r.body.logIndex} is not this submission`, where));
      } else {
        findings.push(finding('audit.receipt.pending', 'not logged yet, deadline ahead', where));
      }
      continue;
    }
    if (including && including.anchoredAt <= r.body.anchorDeadline) continue;
    if (now > r.body.anchorDeadline) {
      findings.push(finding('audit.receipt.late', `deadline ${r.body.anchorDeadline} passed unanchored`, where));
    } else {
      findings.push(finding('audit.receipt.pending', 'not anchored yet, deadline ahead', where));
    }
  }
  return findings;
}
