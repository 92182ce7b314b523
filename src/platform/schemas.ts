import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type, { type Static, type TOptional, type TSchema, type TString, type TUnsafe } from 'typebox';

/**
 * Request and response schemas are TypeBox values: one definition gives the TypeScript type of `request.params`,
 * `query` and `body` (through Fastify's type provider), the validation Fastify runs before the handler, and the
 * OpenAPI document at /api/openapi.json. See "Request and response schemas" in docs/architecture.md.
 */

/** The app, with `request.params`, `query` and `body` typed from each route's TypeBox schema. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

/** A value or null, written the OpenAPI 3.0 way (`nullable`), which is how the serialiser and the document read it. */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });
}

/** An object of any keys whose values all have one shape, written with `additionalProperties` as OpenAPI 3.0 reads it. */
export function Dictionary<T extends TSchema>(value: T, options: Record<string, unknown> = {}): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value, ...options });
}

/** One of a fixed list of words, written `{ type: 'string', enum }` as OpenAPI 3.0 documents it best. */
export function OneOf<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

const FieldError = Type.Object({ field: Type.String(), text: Type.String() });

/** RFC 9457 problem details: the one shape of every API error (see errors.ts). */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String({ description: 'The reference of this request in the server log' }),
    errors: Type.Optional(Type.Array(FieldError)),
  },
  { description: 'An RFC 9457 problem details body (application/problem+json).' },
);

/** The problem body for each of the given statuses, for a route's `response`. */
export function problems<const Codes extends readonly number[]>(...codes: Codes): { [K in Codes[number]]: typeof Problem } {
  return Object.fromEntries(codes.map((code) => [code, Problem])) as { [K in Codes[number]]: typeof Problem };
}

/**
 * One field of a page's form or query string as the parsers hand it over: text, or a list when the name is repeated
 * (checkboxes, `?a=1&a=2`). Page routes type their input with this and leave every real check to their form in
 * validation.ts, so that a wrong value re-renders the page with the GOV.UK error summary instead of failing here.
 */
export const RawValue = Type.Union([Type.String(), Type.Array(Type.String())]);

/** The raw fields of a page's form or query string, each optional: see RawValue. */
export function rawFields<const Names extends readonly string[]>(...names: Names) {
  const properties = Object.fromEntries(names.map((name) => [name, Type.Optional(RawValue)])) as {
    [K in Names[number]]: TOptional<typeof RawValue>;
  };
  return Type.Object(properties);
}

/** One path segment of a page's address, such as the slug in /news/:slug. Any text matches: the handler decides. */
export function pathParams<const Names extends readonly string[]>(...names: Names) {
  const properties = Object.fromEntries(names.map((name) => [name, Type.String()])) as { [K in Names[number]]: TString };
  return Type.Object(properties);
}

/**
 * The fields of a form body read in a hook or a shared helper, which no route schema types: an empty set when the
 * body is not an object. Each field is still raw; the form that reads it checks it.
 */
export function formFields(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? Object.fromEntries(Object.entries(body)) : {};
}
