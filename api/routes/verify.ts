/**
 * POST /v1/verify: the body is the file itself (any Content-Type but multipart), or multipart/form-data with the
 * file in the `file` field (what an HTML form sends). Limited to VERIFY_BODY_LIMIT_BYTES.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProvenantError } from '../../core/errors.ts';
import { bodyBytes } from '../http/params.ts';
import type { Services } from '../services.ts';
import { verifyUpload } from '../verify/upload.ts';

export function verifyRoutes(s: Services): Hono {
  const app = new Hono();
  const max = s.config.VERIFY_BODY_LIMIT_BYTES;
  app.post(
    '/',
    bodyLimit({
      maxSize: max,
      onError: () => {
        throw new ProvenantError('input.tooLarge', `the upload is larger than ${max} bytes`);
      },
    }),
    async (c) => {
      let bytes: Uint8Array;
      if ((c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
        const form = await c.req.parseBody().catch((cause: unknown) => {
          throw new ProvenantError('input.invalid', 'malformed multipart body', { cause, details: ['body'] });
        });
        const file = form.file;
        if (!(file instanceof File)) {
          throw new ProvenantError('input.invalid', 'the multipart body needs a `file` field', { details: ['file'] });
        }
        bytes = new Uint8Array(await file.arrayBuffer());
      } else {
        bytes = await bodyBytes(c);
      }
      if (bytes.length === 0) throw new ProvenantError('input.invalid', 'the upload is empty', { details: ['body'] });
      return c.json(await verifyUpload(s, bytes));
    },
  );
  return app;
}
