import { z } from 'zod';

/** One error model for the whole hub: every failure that reaches a client is an AppError. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** For 429 and 503: when the caller may try again (the Retry-After header). */
  readonly retryAfterSeconds?: number;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationFailed extends AppError {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(400, 'validation_failed', message, { issues });
  }

  static fromZod(err: z.ZodError, prefix: string[] = []): ValidationFailed {
    const issues = err.issues.map((i) => ({
      path: [...prefix, ...i.path.map(String)].join('.') || '(body)',
      message: i.message,
    }));
    const first = issues[0];
    return new ValidationFailed(first ? `${first.path}: ${first.message}` : 'Request is invalid', issues);
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'A valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super(403, 'forbidden', message);
  }
}

export class NotFound extends AppError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found`);
  }
}

export class Conflict extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

export class PayloadTooLarge extends AppError {
  constructor(limit?: string) {
    super(413, 'payload_too_large', `Request body is larger than the limit${limit ? ` of ${limit}` : ''}`);
  }
}

export class TooManyRequests extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many requests; retry in ${retryAfterSeconds}s`, { retryAfterSeconds }, { retryAfterSeconds });
  }
}

/** The search engine or another dependency is not reachable; the caller may retry. */
export class Unavailable extends AppError {
  /** A dependency that is down is usually back within seconds to a minute: 30 s unless the caller knows better. */
  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(503, 'unavailable', message, undefined, { retryAfterSeconds: 30, ...options });
  }
}

export interface HttpError {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
}

/**
 * Maps any thrown value to the HTTP response. Pure, so it is tested with a table.
 * Unknown errors become a generic 500: internals never reach the client.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
    };
  }
  if (err instanceof z.ZodError) return toHttpError(ValidationFailed.fromZod(err));
  // body-parser (used by express.json) marks its errors with `type` and `status`.
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') return toHttpError(new PayloadTooLarge());
    if (err.type === 'entity.parse.failed')
      return toHttpError(new ValidationFailed('Body is not valid JSON', [{ path: '(body)', message: 'invalid JSON' }]));
    if (err.type === 'encoding.unsupported')
      return toHttpError(new AppError(415, 'unsupported_media_type', 'Unsupported Content-Encoding: send identity, gzip, deflate or br'));
    if (err.type === 'charset.unsupported') return toHttpError(new AppError(415, 'unsupported_media_type', 'Unsupported body charset'));
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500)
      return toHttpError(new AppError(err.status, 'bad_request', 'Malformed request body'));
  }
  // A body that fails to decode (a gzip header on plain JSON, a truncated stream) reaches us as
  // zlib's own error, which body-parser marks with http-errors' `status` 400 and `expose`, but no `type`.
  if (isClientHttpError(err))
    return toHttpError(new AppError(400, 'bad_request', 'The request body could not be decoded as its Content-Encoding says'));
  return { status: 500, body: { error: { code: 'internal', message: 'Internal server error' } } };
}

function isBodyParserError(err: unknown): err is { type: string; status?: number } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string';
}

function isClientHttpError(err: unknown): err is { status: number; expose: true } {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}
