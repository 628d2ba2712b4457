import type { ServerResponse } from 'node:http';

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Writes a complete response. HEAD requests get the same headers and no body (node:http drops it).
 *
 * The fields go to `writeHead` as one flat list: on a response nothing else has touched (a
 * probe served ahead of the application) node:http then formats them straight into the
 * header block, without building, validating and storing a header object field by field.
 * Fields an earlier middleware set are still kept, and ours still win a clash.
 */
export function send(
  res: ServerResponse,
  statusCode: number,
  contentType: string,
  body: string,
  headers: Readonly<Record<string, string>> = NO_HEADERS,
): void {
  const fields: (string | number)[] = [
    'Content-Type',
    contentType,
    'Cache-Control',
    'no-store',
    'Content-Length',
    Buffer.byteLength(body),
  ];
  for (const name in headers) fields.push(name, headers[name]!);
  res.writeHead(statusCode, fields as string[]);
  res.end(body);
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HEALTH_JSON_TYPE = 'application/health+json; charset=utf-8';

/** A small JSON error body, the same shape for every refusal. */
export function sendError(
  res: ServerResponse,
  statusCode: number,
  message: string,
  headers: Readonly<Record<string, string>> = NO_HEADERS,
): void {
  send(res, statusCode, JSON_TYPE, JSON.stringify({ error: message }), headers);
}
