import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Actor, Role } from '../auth/schema';
import { Forbidden, ValidationFailed } from '../errors';

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteContext<B, Q, P> {
  actor: Actor;
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  /** The raw text of an NDJSON body. */
  text: string;
  req: Request;
  res: Response;
}

interface BaseSpec<B, Q, P> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  params?: P;
  /** How the body arrives; NDJSON bodies are handed over as `text`, each line documented by `lineSchema`. */
  bodyType?: 'json' | 'ndjson';
  lineSchema?: Schema;
  response?: Schema;
  status?: number;
  /** Non-JSON responses (CSV) are written by the handler itself. */
  raw?: boolean;
}

/** Every role: for routes whose object-level rules (the policy module) decide alone. */
export const ANY_ROLE: readonly Role[] = ['rep', 'author', 'leader', 'admin'];

export interface RouteDef extends BaseSpec<Schema | undefined, Schema | undefined, Schema | undefined> {
  public: boolean;
  /** The roles admitted; enforced in one place (mountRoutes) and listed per operation in OpenAPI. */
  roles: readonly Role[];
  run(ctx: {
    actor: Actor | null;
    body: unknown;
    query: unknown;
    params: unknown;
    text: string;
    req: Request;
    res: Response;
  }): Promise<unknown>;
}

/**
 * An authenticated route: parse → service → respond. Handlers never touch raw `req.body`.
 * `roles` is required: a route cannot be added without saying who may call it.
 */
export function route<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: BaseSpec<B, Q, P> & { roles: readonly Role[]; handler: (ctx: RouteContext<B, Q, P>) => Promise<unknown> }): RouteDef {
  const { handler, ...rest } = spec;
  return { ...rest, public: false, run: (ctx) => handler(ctx as RouteContext<B, Q, P>) } as RouteDef;
}

/** A route without authentication (health, the demo sign-in list). */
export function publicRoute<Q extends Schema | undefined = undefined>(
  spec: BaseSpec<undefined, Q, undefined> & { handler: (ctx: Omit<RouteContext<undefined, Q, undefined>, 'actor'>) => Promise<unknown> },
): RouteDef {
  const { handler, ...rest } = spec;
  return { ...rest, public: true, roles: [], run: (ctx) => handler(ctx as RouteContext<undefined, Q, undefined>) } as RouteDef;
}

/**
 * The status of an idempotent create: 201 when this call made the thing, 200 when it was already
 * there (a repeated attach, a replayed event, an upsert of a known id). Clients retry safely and
 * still learn which call made it.
 */
export const createdStatus = (created: boolean): 200 | 201 => (created ? 201 : 200);

/** A handler's answer to an idempotent create: `result[key]`, with `createdStatus(result.created)`. */
export async function createdOrFound<R extends { created: boolean }, K extends keyof R>(
  res: Response,
  made: Promise<R>,
  key: K,
): Promise<R[K]> {
  const result = await made;
  res.status(createdStatus(result.created));
  return result[key];
}

function parseWith(schema: Schema | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ValidationFailed.fromZod(parsed.error, where === 'body' ? [] : [where]);
  return parsed.data;
}

export interface MountOptions {
  authenticate(req: Request): Promise<Actor>;
  /** Check responses against their schema (tests); off in production to keep the hot path lean. */
  validateResponses?: boolean;
  /** Express middleware that parses each body type. */
  bodyParsers: {
    json: (req: Request, res: Response, next: NextFunction) => void;
    ndjson: (req: Request, res: Response, next: NextFunction) => void;
  };
}

export function mountRoutes(router: Router, routes: RouteDef[], options: MountOptions): void {
  for (const def of routes) {
    const parser = def.bodyType === 'ndjson' ? options.bodyParsers.ndjson : options.bodyParsers.json;
    const handlers = [
      async (req: Request, res: Response) => {
        // Authentication first: an anonymous caller learns nothing, not even validation messages.
        const actor = def.public ? null : await options.authenticate(req);
        if (actor) {
          req.actor = actor;
          if (!def.roles.includes(actor.role)) throw new Forbidden(`This endpoint is for ${listRoles(def.roles)}`);
        }
        const text = def.bodyType === 'ndjson' && typeof req.body === 'string' ? req.body : '';
        const body = def.bodyType === 'ndjson' ? undefined : parseWith(def.body, req.body ?? {}, 'body');
        const query = parseWith(def.query, req.query, 'query');
        const params = parseWith(def.params, req.params, 'params');
        // The default status is set first so a handler may override it (a replay answers 200, health 503).
        res.status(def.status ?? 200);
        const result = await def.run({ actor, body, query, params, text, req, res });
        if (def.raw || res.headersSent) return;
        if (options.validateResponses && def.response) {
          const check = def.response.safeParse(result);
          if (!check.success)
            throw new Error(`Response of ${def.method.toUpperCase()} ${def.path} does not match its schema: ${check.error.message}`);
        }
        if (result === undefined) res.status(res.statusCode === 200 ? 204 : res.statusCode).end();
        else res.json(result);
      },
    ];
    if (def.method === 'get' || def.method === 'delete') router[def.method](def.path, ...handlers);
    else router[def.method](def.path, parser, ...handlers);
  }
}

const ROLE_NAMES: Record<Role, string> = { rep: 'salespeople', author: 'authors', leader: 'leaders', admin: 'admins' };

/** "authors, leaders and admins": the roles as a person reads them. */
export function listRoles(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_NAMES[r]);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Query strings repeat a key for several values; both forms become an array. */
export const stringList = (max: { items: number; length: number }) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().min(1).max(max.length, `at most ${max.length} characters`)).max(max.items, `at most ${max.items} values`));

/** A page size from the query string: `fallback` when absent, clamped to `max` rather than refused (asking for 1,000 gets the maximum). */
export const pageLimit = (fallback: number, max: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .default(fallback)
    .transform((n) => Math.min(n, max));

export const IdParams = z.object({ id: z.string().min(1).max(200) }).strict();
