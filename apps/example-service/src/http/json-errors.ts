import type { ErrorRequestHandler, RequestHandler } from 'express';

/** 404 for anything no route matched, as JSON. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
};

/**
 * Every error as a one-line JSON answer. express's own handler would send an HTML page
 * with a stack trace outside production; a trading API never shows either.
 */
export function jsonErrors(log: (line: string) => void): ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'the body is not valid JSON' });
    } else if (error.type === 'entity.too.large') {
      res.status(413).json({ error: 'the body is larger than 16 KiB' });
    } else if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: 'bad request' });
    } else {
      log(`unexpected error: ${String(error.message ?? error).split('\n')[0]}`);
      res.status(500).json({ error: 'internal error' });
    }
  };
}
