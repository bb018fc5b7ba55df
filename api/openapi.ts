/**
 * GET /openapi.json: the route schemas of the public API, registered with @hono/zod-openapi. Handlers validate
 * their own input with core's parsers (they must see exact bytes); these schemas describe the same contract.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const KeyId = z.string().regex(/^(?:[0-9a-f]{64}|0x[0-9a-fA-F]{40})$/);
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()).optional() }),
});
const Receipt = z.object({
  v: z.literal(1),
  origin: z.string(),
  manifestId: Hex64,
  logIndex: z.number().int(),
  receivedAt: z.number().int(),
  anchorDeadline: z.number().int(),
  keyId: z.string(),
  sig: z.string(),
});
const Summary = z.object({
  id: Hex64,
  kind: z.string(),
  mediaSha256: Hex64.nullable(),
  pixelsSha256: Hex64.nullable(),
  parentId: Hex64.nullable(),
  logIndex: z.number().int(),
  receivedAt: z.number().int(),
});
const Checkpoint = z.object({
  treeSize: z.number().int(),
  rootHash: Hex64,
  note: z.string(),
  createdAt: z.number().int(),
  anchor: z.object({}).passthrough().nullable(),
});
const json = (schema: z.ZodType, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorBody, 'malformed input'),
  404: json(ErrorBody, 'not found'),
  413: json(ErrorBody, 'body too large'),
  429: json(ErrorBody, 'rate limited'),
};
const jsonBody = (description: string) => ({
  body: { content: { 'application/json': { schema: z.object({}).passthrough() } }, description, required: true },
});
const IdParam = z.object({ id: Hex64 });

export const ROUTES = [
  createRoute({
    method: 'get',
    path: '/healthz',
    responses: { 200: json(z.object({ ok: z.boolean(), origin: z.string() }), 'up') },
  }),
  createRoute({
    method: 'post',
    path: '/v1/manifests',
    request: jsonBody('a manifest {claim, signatures[]}; the exact bytes are kept'),
    responses: {
      200: json(z.object({ id: Hex64, logIndex: z.number().int(), receipt: Receipt }), 'already logged'),
      201: json(z.object({ id: Hex64, logIndex: z.number().int(), receipt: Receipt }), 'logged'),
      422: json(ErrorBody, 'refused (revoked key)'),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/manifests',
    request: {
      query: z.object({
        sha256Prefix: z
          .string()
          .regex(/^[0-9a-f]{4,8}$/)
          .optional(),
        pixelsSha256: Hex64.optional(),
        fingerprint: z
          .string()
          .regex(/^(?:[0-9a-f]{16}|[0-9a-f]{64})$/)
          .optional()
          .describe('pHash (16 hex) or PDQ (64 hex): nearest perceptual matches, by multi-index hashing'),
        maxDistance: z
          .string()
          .regex(/^[0-9]+$/)
          .optional()
          .describe('with fingerprint: Hamming bits (pHash default 8, at most 11; PDQ default 31, at most 32)'),
        key: z.string().optional(),
        parent: Hex64.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({ manifests: z.array(Summary), truncated: z.boolean() }),
        'candidates (fingerprint matches add distance, nearest first)',
      ),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/manifests/{id}',
    request: { params: IdParam },
    responses: { 200: json(z.object({}).passthrough(), 'manifest, claim bytes, signatures'), ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/manifests/{id}/signatures',
    request: { params: IdParam, ...jsonBody('one signature entry') },
    responses: {
      200: json(z.object({ id: Hex64, logIndex: z.number().int(), receivedAt: z.number().int() }), 'already logged'),
      201: json(z.object({ id: Hex64, logIndex: z.number().int(), receivedAt: z.number().int() }), 'logged'),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/manifests/{id}/proof',
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          index: z.number().int(),
          leaf: z.string(),
          treeSize: z.number().int(),
          rootHash: Hex64,
          inclusionPath: z.array(Hex64),
          checkpoint: Checkpoint,
        }),
        'inclusion proof',
      ),
      ...errors,
    },
  }),
  createRoute({
    method: 'post',
    path: '/v1/keys',
    request: jsonBody('a key statement envelope'),
    responses: {
      200: json(z.object({ keyId: KeyId, digest: Hex64, logIndex: z.number().int() }), 'already logged'),
      201: json(z.object({ keyId: KeyId, digest: Hex64, logIndex: z.number().int() }), 'logged'),
      401: json(ErrorBody, 'admin token required'),
      403: json(ErrorBody, 'wrong admin token'),
      422: json(ErrorBody, 'endorser unknown or revoked'),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/keys/{id}',
    request: { params: z.object({ id: KeyId }) },
    responses: { 200: json(z.object({}).passthrough(), 'key, status, revocations'), ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/keys/{id}/revocations',
    request: { params: z.object({ id: KeyId }), ...jsonBody('a revocation envelope') },
    responses: {
      200: json(z.object({ keyId: KeyId, digest: Hex64, logIndex: z.number().int() }), 'already logged'),
      201: json(z.object({ keyId: KeyId, digest: Hex64, logIndex: z.number().int() }), 'logged'),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/log/checkpoints',
    request: { query: z.object({ limit: z.string().optional() }) },
    responses: { 200: json(z.object({ checkpoints: z.array(Checkpoint) }), 'latest first'), ...errors },
  }),
  createRoute({
    method: 'get',
    path: '/v1/log/entries',
    request: { query: z.object({ start: z.string().optional(), end: z.string().optional() }) },
    responses: {
      200: json(
        z.object({
          start: z.number().int(),
          end: z.number().int(),
          treeSize: z.number().int(),
          entries: z.array(
            z.object({ index: z.number().int(), leaf: z.string(), kind: z.string(), receivedAt: z.number().int() }),
          ),
          next: z.number().int().nullable(),
        }),
        'a page of leaves',
      ),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/log/consistency',
    request: { query: z.object({ from: z.string(), to: z.string() }) },
    responses: {
      200: json(z.object({ from: z.number().int(), to: z.number().int(), proof: z.array(Hex64) }), 'consistency proof'),
      ...errors,
    },
  }),
  createRoute({
    method: 'post',
    path: '/v1/quotes',
    request: jsonBody(
      'a quote attestation: a manifest whose claim kind is quote; its source transcript must be logged',
    ),
    responses: {
      200: json(z.object({ id: Hex64, logIndex: z.number().int(), receipt: Receipt }), 'already logged'),
      201: json(z.object({ id: Hex64, logIndex: z.number().int(), receipt: Receipt }), 'logged'),
      422: json(ErrorBody, 'refused (transcript not logged, proof does not show the words, revoked key)'),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/quotes',
    request: { query: z.object({ text: z.string().describe('the quote as selected; normalised with qv1') }) },
    responses: {
      200: json(
        z.object({
          normaliser: z.literal('qv1'),
          fragments: z.array(z.string()),
          quotes: z.array(z.object({}).passthrough()),
          truncated: z.boolean(),
        }),
        'candidate attestations with their exact claim bytes, signatures and source transcript, to verify client-side',
      ),
      ...errors,
    },
  }),
  createRoute({
    method: 'post',
    path: '/v1/verify',
    request: {
      body: {
        content: {
          'application/octet-stream': { schema: z.string().describe('the file itself (raw body)') },
          'multipart/form-data': { schema: z.object({ file: z.string().describe('the file') }) },
        },
        description: 'a photo, recording or video (at most VERIFY_BODY_LIMIT_BYTES, default 32 MiB)',
        required: true,
      },
    },
    responses: {
      200: json(z.object({}).passthrough(), 'candidates from the log and the full verification report'),
      ...errors,
    },
  }),
  createRoute({
    method: 'get',
    path: '/metrics',
    responses: { 200: { content: { 'text/plain': { schema: z.string() } }, description: 'Prometheus text format' } },
  }),
  createRoute({
    method: 'get',
    path: '/verify',
    responses: {
      200: { content: { 'text/html': { schema: z.string() } }, description: 'drop a file, read its report' },
    },
  }),
  createRoute({
    method: 'get',
    path: '/docs',
    responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'this reference, rendered' } },
  }),
];

export function openApiDocument(): unknown {
  const doc = new OpenAPIHono();
  for (const route of ROUTES) doc.openAPIRegistry.registerPath(route);
  return doc.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'Provenant API', version: '0.1.0' } });
}
