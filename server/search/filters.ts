import { FILTERABLE_ATTRIBUTES, type FilterableAttribute } from './contentIndex';

/**
 * The safe filter builder. User values are always quoted and escaped (backslash first, then the
 * double quote); attribute names come only from the allowlist; callers combine clauses as separate
 * elements of a filter array (Meilisearch ANDs the outer elements), never by string concatenation
 * with user text.
 */
export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

const ALLOWED = new Set<string>(FILTERABLE_ATTRIBUTES);

export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function attribute(name: FilterableAttribute): string {
  if (!ALLOWED.has(name)) throw new FilterError(`attribute ${String(name)} is not filterable`);
  return name;
}

/** `attr = "v"`, or `attr IN ["a", "b"]` for several values (OR within one facet). */
export function anyOf(name: FilterableAttribute, values: readonly string[]): string {
  if (values.length === 0) throw new FilterError(`no values for ${name}`);
  const attr = attribute(name);
  if (values.length === 1) return `${attr} = ${quoteFilterValue(values[0] as string)}`;
  return `${attr} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

export function noneOf(name: FilterableAttribute, values: readonly string[]): string {
  if (values.length === 0) throw new FilterError(`no values for ${name}`);
  return `${attribute(name)} NOT IN [${values.map(quoteFilterValue).join(', ')}]`;
}

export function greaterThan(name: FilterableAttribute, value: number): string {
  if (!Number.isFinite(value)) throw new FilterError(`${name} needs a finite number`);
  return `${attribute(name)} > ${value}`;
}

/** OR of already-built clauses (each built by this module), wrapped in parentheses. */
export function either(...clauses: string[]): string {
  if (clauses.length === 0) throw new FilterError('either() needs at least one clause');
  return clauses.length === 1 ? (clauses[0] as string) : `(${clauses.join(' OR ')})`;
}

export function isNull(name: FilterableAttribute): string {
  return `${attribute(name)} IS NULL`;
}
