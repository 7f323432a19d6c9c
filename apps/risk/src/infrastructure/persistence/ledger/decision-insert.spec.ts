import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayBytes } from './decision-insert.js';

describe('jsonArrayBytes', () => {
  it('is the UTF-8 of JSON.stringify for the whole array, Chinese text included', () => {
    const rows = [{ carrier: '中国移动', city: 'CN|广东省|深圳市', n: 1 }, { emoji: '😀', nested: { list: [1, 'é'] } }, null];
    expect(jsonArrayBytes(rows).toString('utf8')).toBe(JSON.stringify(rows));
    expect(JSON.parse(jsonArrayBytes(rows).toString('utf8'))).toEqual(rows);
  });

  it('writes an empty array as [], and values JSON cannot hold as null, like JSON.stringify', () => {
    expect(jsonArrayBytes([]).toString('utf8')).toBe('[]');
    const odd = [undefined, () => 1, { kept: 1, dropped: undefined }];
    expect(jsonArrayBytes(odd).toString('utf8')).toBe(JSON.stringify(odd));
  });

  it('matches JSON.stringify byte for byte for any JSON rows', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), (rows) => {
        expect(jsonArrayBytes(rows).equals(Buffer.from(JSON.stringify(rows)))).toBe(true);
      }),
    );
  });
});
