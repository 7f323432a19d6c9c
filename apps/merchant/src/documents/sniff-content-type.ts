import type { DocumentContentType } from './document.js';

const SIGNATURES: Array<{ type: DocumentContentType; bytes: number[] }> = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // "%PDF-"
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/**
 * The type the bytes say they are, from their magic number; never from the
 * file name or the client's Content-Type, which the uploader controls.
 * Undefined for anything that is not a JPEG, PNG or PDF.
 */
export function sniffContentType(content: Uint8Array): DocumentContentType | undefined {
  return SIGNATURES.find(({ bytes }) => content.length > bytes.length && bytes.every((byte, index) => content[index] === byte))?.type;
}
