import { z } from 'zod';
import { listRoles, type RouteDef } from './route';

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // Transforms and refinements have no JSON Schema form; they document as their base shape.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** The OpenAPI document, generated from the same zod schemas the routes validate with. */
export function buildOpenApi(routes: RouteDef[], info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: Record<string, unknown>[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
      }
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      description: r.public ? 'No authentication.' : `Roles: ${listRoles(r.roles)}.`,
      tags: [r.tag],
      'x-roles': r.roles,
      ...(r.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: 'Success',
          ...(r.response ? { content: { [r.raw ? 'text/csv' : 'application/json']: { schema: jsonSchema(r.response, 'output') } } } : {}),
        },
        default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } },
      },
    };
    if (r.bodyType === 'ndjson') {
      op.requestBody = {
        required: true,
        content: {
          'application/x-ndjson': {
            schema: { type: 'string', description: 'One JSON object per line, each of the schema under x-line-schema' },
            ...(r.lineSchema ? { 'x-line-schema': jsonSchema(r.lineSchema, 'input') } : {}),
          },
        },
      };
    } else if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
