import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import { compileValidator } from './compiled-validator.js';

const parse = compileValidator<{ name: string }>(
  {
    type: 'object',
    properties: {
      name: { type: 'string', pattern: '^[a-z]+$', maxLength: 8 },
      tags: { type: 'array', maxItems: 2, items: { type: 'string', enum: ['a', 'b'] } },
      labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 3 } },
      count: { type: 'integer', minimum: 0, nullable: true },
      card: { type: 'string', format: 'even' },
    },
    required: ['name'],
  },
  {
    formats: { even: { type: 'string', validate: (value: string) => value.length % 2 === 0 } },
    formatMessages: { even: 'of even length' },
    maps: ['labels'],
  },
);

function violationsOf(value: unknown): Array<{ field: string; code: string; message: string }> {
  try {
    parse(value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    return (error as DomainError).violations;
  }
}

describe('compileValidator', () => {
  it('returns the value itself when it is valid', () => {
    const value = { name: 'abc', count: null };
    expect(parse(value)).toBe(value);
  });

  it('reports every problem with the field path and the codes of the class-validator path', () => {
    expect(violationsOf({ tags: ['a', 'z', 'b'], count: 1.5, card: 'odd' })).toEqual([
      { field: 'name', code: 'IS_DEFINED', message: 'name must be present' },
      { field: 'tags', code: 'ARRAY_MAX_SIZE', message: 'tags must NOT have more than 2 items' },
      { field: 'tags', code: 'IS_IN', message: 'tags must be equal to one of the allowed values' },
      { field: 'count', code: 'IS_INT', message: 'count must be integer' },
      { field: 'card', code: 'IS_EVEN', message: 'card must be of even length' },
    ]);
  });

  it('reports a problem inside a free-form map at the map, not under the caller-chosen key', () => {
    expect(violationsOf({ name: 'abc', labels: { '13812345678': 'long value' } })).toEqual([
      { field: 'labels', code: 'LENGTH', message: 'labels must NOT have more than 3 characters' },
    ]);
  });

  it('never echoes the value it refused', () => {
    const found = JSON.stringify(violationsOf({ name: 'Secret-Value-42' }));
    expect(found).toContain('MATCHES');
    expect(found).not.toContain('Secret-Value-42');
  });

  it('refuses what is not an object at all', () => {
    expect(violationsOf(null)).toEqual([{ field: '', code: 'IS_OBJECT', message: 'request must be object' }]);
  });
});
