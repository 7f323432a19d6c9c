export interface JpegSegments {
  /** Text of every COM (comment) segment before the first scan, in order. */
  comments: string[];
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

/** SOF0-SOF15 minus DHT (C4), JPG (C8) and DAC (CC). */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length field. */
function isStandalone(marker: number): boolean {
  return (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
}

/**
 * Walks the marker structure of a baseline/progressive JPEG without decoding
 * pixels: SOI first, well-formed length-prefixed segments, a frame header, at
 * least one scan, and EOI. Anything else, including truncation, is not a JPEG
 * the face vendor could decode: undefined.
 */
export function readJpegSegments(bytes: Uint8Array): JpegSegments | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return undefined;
  const comments: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let sawFrame = false;
  let sawScan = false;
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    while (bytes[at] === 0xff) at++; // fill bytes
    if (at >= bytes.length) return undefined;
    const marker = bytes[at++]!;
    if (marker === EOI) return sawFrame && sawScan ? { comments } : undefined;
    if (marker === SOI || marker === 0x00) return undefined;
    if (isStandalone(marker)) continue;
    if (at + 2 > bytes.length) return undefined;
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (length < 2 || at + length > bytes.length) return undefined;
    const body = bytes.subarray(at + 2, at + length);
    at += length;
    if (isFrameMarker(marker)) sawFrame = true;
    if (marker === COM && !sawScan) comments.push(decoder.decode(body));
    if (marker === SOS) {
      if (!sawFrame) return undefined;
      sawScan = true;
      at = skipEntropyCodedData(bytes, at);
    }
  }
  return undefined;
}

/** Index of the next real marker after a scan: FF00 is a stuffed byte, FFD0-FFD7 are restart markers. */
function skipEntropyCodedData(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at < bytes.length - 1) {
    if (bytes[at] === 0xff) {
      const next = bytes[at + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
        at += 2;
        continue;
      }
      if (next !== 0xff) return at;
    }
    at++;
  }
  return bytes.length;
}
