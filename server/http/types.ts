import type { Actor } from '../auth/schema';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by authentication for every non-public route. */
      actor?: Actor;
      requestId: string;
    }
  }
}

export {};
