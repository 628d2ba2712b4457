import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A connect-style middleware. express 4 and 5 accept it in `app.use()`, and it needs no
 * express types in a user's build.
 */
export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;
