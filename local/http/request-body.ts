/**
 * Reading a request body in full. Local servers answer only after the whole body has arrived, as API Gateway and the
 * AWS endpoints do, and a body over the limit is refused rather than buffered without bound.
 */
import type { IncomingMessage } from 'node:http';

/** Six megabytes: the largest payload a Lambda function can be invoked with, so nothing legitimate is larger. */
export const MAX_REQUEST_BODY_BYTES = 6 * 1024 * 1024;

/** The body as text, or `too-large` once it passes the limit (the rest is drained so the answer can be sent). */
export const readRequestBody = async (
  request: IncomingMessage,
  limitBytes = MAX_REQUEST_BODY_BYTES,
): Promise<{ ok: true; text: string } | { ok: false; reason: 'too-large' }> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limitBytes) chunks.push(chunk);
  }
  return size > limitBytes
    ? { ok: false, reason: 'too-large' }
    : { ok: true, text: Buffer.concat(chunks).toString('utf8') };
};

/** The body parsed as JSON, or undefined when it is empty or not JSON. */
export const parseJsonBody = (text: string): unknown => {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
