/** POST /v1/manifests/{id}/signatures: one more detached signature, logged as its own cosignature entry. */
import { eq } from 'drizzle-orm';
import { fromUtf8, hexToBytes } from '../../core/bytes.ts';
import { parseJson } from '../../core/canonical.ts';
import { parseSignatureEntry } from '../../core/crypto/signature-entry.ts';
import { ProvenantError } from '../../core/errors.ts';
import { manifests, signatures } from '../db/schema/index.ts';
import type { Services } from '../services.ts';
import { entryBytesOf } from './signature-rows.ts';
import { assertNotRevoked, assertSignaturesVerify } from './submit.ts';

export interface CosignResult {
  created: boolean;
  logIndex: number;
  receivedAt: number;
}

const MAX_ENTRY_CHARS = 4096;

export async function addSignature(s: Services, manifestId: string, body: Uint8Array): Promise<CosignResult> {
  let text: string;
  try {
    text = fromUtf8(body);
  } catch (cause) {
    throw new ProvenantError('json.invalid', 'body is not UTF-8', { cause });
  }
  const entry = parseSignatureEntry(parseJson(text, MAX_ENTRY_CHARS));
  const [manifest] = await s.db.select({ id: manifests.id }).from(manifests).where(eq(manifests.id, manifestId));
  if (!manifest) throw new ProvenantError('notFound', 'no such manifest');
  assertSignaturesVerify([entry], hexToBytes(manifestId), 'signature');
  s.limitKeys([entry.keyId]);
  await assertNotRevoked(s.db, [entry.keyId], s.now());
  const { entryBytes, entryDigest } = entryBytesOf(entry);
  return s.sequencer.append<CosignResult>({
    run: async (tx, { receivedAt, nextIndex }) => {
      const inserted = await tx
        .insert(signatures)
        .values({
          manifestId,
          entryDigest,
          keyId: entry.keyId,
          role: entry.role,
          entryBytes,
          receivedAt,
          logIndex: nextIndex,
        })
        .onConflictDoNothing()
        .returning({ logIndex: signatures.logIndex });
      if (inserted.length > 0) {
        return {
          leaves: [
            { kind: 'cosignature', manifestDigest: manifestId, subjectDigest: entryDigest, signer: entry.keyId },
          ],
          result: { created: true, logIndex: nextIndex, receivedAt },
        };
      }
      const [row] = await tx
        .select({ logIndex: signatures.logIndex, receivedAt: signatures.receivedAt })
        .from(signatures)
        .where(eq(signatures.entryDigest, entryDigest));
      if (!row) throw new ProvenantError('internal', 'signature vanished');
      return { leaves: [], result: { created: false, logIndex: row.logIndex, receivedAt: row.receivedAt } };
    },
  });
}
