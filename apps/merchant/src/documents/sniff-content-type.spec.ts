import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffContentType } from './sniff-content-type.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sniffContentType', () => {
  it('recognises JPEG, PNG and PDF by their magic numbers', () => {
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10))).toBe('image/jpeg');
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toBe('image/png');
    expect(sniffContentType(Buffer.from('%PDF-1.7\n%\xe2\xe3'))).toBe('application/pdf');
  });

  it('refuses other formats and truncated headers, whatever the name says', () => {
    expect(sniffContentType(Buffer.from('GIF89a\x01\x00'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('PK\x03\x04 docx'))).toBeUndefined();
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff))).toBeUndefined();
    expect(sniffContentType(bytes())).toBeUndefined();
    // A PDF header after a byte of anything else is not a PDF.
    expect(sniffContentType(Buffer.from(' %PDF-1.4'))).toBeUndefined();
  });

  it('never throws and only ever answers one of the three types (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        expect([undefined, 'image/jpeg', 'image/png', 'application/pdf']).toContain(sniffContentType(input));
      }),
    );
  });
});
