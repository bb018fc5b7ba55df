/** A manifest is a claim plus detached, additive signatures over its digest (invariant 3). */
import * as z from 'zod';
import { SignatureEntrySchema } from '../crypto/signature-entry.ts';
import { ClaimSchema } from './claim.ts';

export const MAX_SIGNATURES = 256;
/** Bound on the manifest's JSON text, and on the claim's canonical bytes. */
export const MAX_MANIFEST_BYTES = 4 << 20;

export const ManifestSchema = z.strictObject({
  claim: ClaimSchema,
  signatures: z.array(SignatureEntrySchema).max(MAX_SIGNATURES, `expected at most ${MAX_SIGNATURES} signatures`),
});
export type Manifest = z.infer<typeof ManifestSchema>;
