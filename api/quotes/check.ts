/**
 * A quote attestation is accepted only when its proof verifies against the transcript it names, and that
 * transcript is already logged here: the quote index then never serves words no signed transcript contains.
 */
import { eq } from 'drizzle-orm';
import { fromUtf8 } from '../../core/bytes.ts';
import { isProvenantError, ProvenantError } from '../../core/errors.ts';
import type { QuoteClaim } from '../../core/manifest/quote.ts';
import type { TranscriptClaim } from '../../core/manifest/transcript.ts';
import { verifyQuoteProof } from '../../core/transcript/index.ts';
import type { Db } from '../db/client.ts';
import { manifests } from '../db/schema/index.ts';

export async function assertQuoteProven(db: Db, claim: QuoteClaim): Promise<void> {
  const [source] = await db
    .select({ kind: manifests.kind, claimBytes: manifests.claimBytes })
    .from(manifests)
    .where(eq(manifests.id, claim.source.manifestId));
  if (source?.kind !== 'transcript') {
    throw new ProvenantError('policy.refused', 'the quoted transcript is not logged here; submit it first', {
      details: ['source.manifestId'],
    });
  }
  const transcript = (JSON.parse(fromUtf8(source.claimBytes)) as TranscriptClaim).transcript;
  const { text, speaker, t0, t1 } = claim.quote;
  let verdict: ReturnType<typeof verifyQuoteProof>;
  try {
    verdict = verifyQuoteProof(text, claim.proof, transcript.root, transcript.segmentCount, { speaker, t0, t1 });
  } catch (e) {
    if (isProvenantError(e, 'proof.malformed') || isProvenantError(e, 'input.invalid')) {
      throw new ProvenantError('proof.malformed', 'the quote proof is malformed', { details: ['proof'], cause: e });
    }
    throw e;
  }
  if (verdict.match !== 'exact') {
    throw new ProvenantError('policy.refused', 'the quote proof does not show these words in the transcript', {
      details: [`proof: ${verdict.reason} (${verdict.detail})`],
    });
  }
}
