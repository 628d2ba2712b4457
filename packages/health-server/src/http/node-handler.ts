import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoints } from './endpoints.js';
import { sendError } from './send.js';

/** Serves a contract route and returns true, or returns false and leaves the response alone. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function nodeHandler(endpoints: Endpoints): NodeHandler {
  return (req, res) => {
    const name = endpoints.match(req);
    if (name === undefined) return false;
    endpoints.serve(name, req, res);
    return true;
  };
}

/** A complete node:http request listener: the contract routes, and 404 for anything else. */
export function nodeRequestListener(
  handle: NodeHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!handle(req, res)) sendError(res, 404, 'not found');
  };
}
