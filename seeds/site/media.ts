/**
 * Serves the demo's public media from the data directory: only files the demo manifest lists (never keys, secrets
 * or anything else in the directory), with their content type and byte ranges so the audio player can seek.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from 'hono';

export interface ServedFile {
  absPath: string;
  mediaType: string;
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

function body(path: string, start: number, end: number): ReadableStream {
  return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream;
}

export async function serveFile(c: Context, file: ServedFile): Promise<Response> {
  const { size } = await stat(file.absPath);
  const headers: Record<string, string> = {
    'content-type': file.mediaType,
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  const range = RANGE.exec(c.req.header('range') ?? '');
  if (!range || (range[1] === '' && range[2] === '')) {
    return new Response(c.req.method === 'HEAD' || size === 0 ? null : body(file.absPath, 0, size - 1), {
      status: 200,
      headers: { ...headers, 'content-length': String(size) },
    });
  }
  // bytes=a-b, bytes=a- (to the end) or bytes=-n (the last n bytes).
  let start = range[1] === '' ? size - Number(range[2]) : Number(range[1]);
  let end = range[1] === '' || range[2] === '' ? size - 1 : Number(range[2]);
  start = Math.max(0, start);
  end = Math.min(size - 1, end);
  if (start > end || start >= size) {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  }
  return new Response(c.req.method === 'HEAD' ? null : body(file.absPath, start, end), {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(end - start + 1),
      'content-range': `bytes ${start}-${end}/${size}`,
    },
  });
}
