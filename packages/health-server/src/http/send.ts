import type { ServerResponse } from 'node:http';

/** Writes a complete response. HEAD requests get the same headers and no body (node:http drops it). */
export function send(
  res: ServerResponse,
  statusCode: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.statusCode = statusCode;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HEALTH_JSON_TYPE = 'application/health+json; charset=utf-8';

/** A small JSON error body, the same shape for every refusal. */
export function sendError(
  res: ServerResponse,
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  send(res, statusCode, JSON_TYPE, JSON.stringify({ error: message }), headers);
}
