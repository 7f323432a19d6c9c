import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.js';

/** Personal data the fuzzer plants in inputs; no error response may ever contain it. */
export const SENTINELS = ['11010519491231002X', '13800138000', '6222020200112233445', 'ZQXJ-SENTINEL'];

/** Values that are wrong in ways real clients and attackers get wrong. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(...SENTINELS),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE x; --", '%00', '${jndi:x}'),
  // ID, card and credit codes with wrong check digits; a valid one with a stray letter.
  fc.constantFrom('110105194912310021', '11010519491231002Y', '4111111111111112', '62220202001122334', '91350100M000100Y42', '1101051949123100X2'),
  // Base64 that is not an image, and a "JPEG" that is just its magic bytes.
  fc.constantFrom('aGVsbG8gd29ybGQ=', '/9j/', '/9j/4AAQ' + 'A'.repeat(100), 'not base64 at all!!'),
  fc.constantFrom('9999-12-31T23:59:59Z', '1900-01-01', '2026-02-30', 'yesterday'),
  fc.string({ minLength: 3000, maxLength: 6000 }),
);

const hostileNumber = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(-1, -1e308, 1e308, 0, 2 ** 53, -(2 ** 31)));

/** Any JSON value, to put where the schema wants something else. */
export const anyJson = fc.jsonValue({ maxDepth: 3 });

export function valueFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const wrong = anyJson;
  if (schema.enum && schema.enum.length > 0)
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: wrong });
  switch (schema.type) {
    case 'string':
      return fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: wrong });
    case 'number':
    case 'integer':
      return fc.oneof({ weight: 3, arbitrary: hostileNumber }, { weight: 1, arbitrary: wrong });
    case 'boolean':
      return fc.oneof(fc.boolean(), wrong);
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.oneof(fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 5 }), wrong);
    case 'object':
    default:
      return depth > 3 ? fc.constant({}) : fc.oneof({ weight: 4, arbitrary: objectFor(schema, depth + 1) }, { weight: 1, arbitrary: wrong });
  }
}

/** An object of the schema's shape with fields dropped, mistyped, or added. */
export function objectFor(schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const known = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, valueFor(property, depth)]));
  return fc
    .tuple(fc.record(known, { requiredKeys: [] }), fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), anyJson, { maxKeys: 2 }), fc.boolean())
    .map(([object, extra, addExtra]) => (addExtra ? { ...object, ...extra } : object));
}

/** A path parameter: plausible ids and traversal, unicode and overlong strings. */
export const pathParam = fc.oneof(
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('..', '%2e%2e', 'a'.repeat(300), SENTINELS[0]!, '0', '-1'),
);

/** Raw bodies that no JSON parser should accept gracefully by accident. */
export const rawBody = fc.oneof(
  fc.constant('{"a":'),
  fc.constant('['.repeat(5000) + ']'.repeat(5000)),
  fc.constant(`{"x":${'{"x":'.repeat(2000)}1${'}'.repeat(2000)}}`),
  fc
    .uint8Array({ minLength: 1, maxLength: 200 })
    .map((bytes) => Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bytes), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])),
  fc.constant('null'),
  fc.constant('"just a string"'),
);
