import { readFileSync } from 'node:fs';
import { encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { loadSandboxFixtures } from '../fixtures/load-sandbox-fixtures.js';
import { readFaceMarker } from './read-face-marker.js';
import { readJpegSegments } from './read-jpeg-segments.js';

const fixtures = loadSandboxFixtures();
const pixels = { width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 200) };
const plainJpeg = encode(pixels, 70).data;

describe('readJpegSegments', () => {
  it('reads a JPEG from another encoder and its comments', () => {
    expect(readJpegSegments(plainJpeg)).toEqual({ comments: [] });
    expect(readJpegSegments(encode({ ...pixels, comments: ['hello', 'face:x'] }, 70).data)).toEqual({ comments: ['hello', 'face:x'] });
  });

  it('finds the face marker the generator put into every fixture photo', () => {
    for (const photo of fixtures.photos) {
      const segments = readJpegSegments(readFileSync(photo.path));
      expect(segments, photo.file).toBeDefined();
      expect(readFaceMarker(segments!), photo.file).toEqual({ faceId: photo.faceId ?? undefined, spoof: photo.spoof });
    }
  });

  it('rejects what is not a whole JPEG', () => {
    expect(readJpegSegments(Buffer.from('not a jpeg at all'))).toBeUndefined();
    expect(readJpegSegments(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined(); // no frame, no scan
    expect(readJpegSegments(plainJpeg.subarray(0, plainJpeg.length - 2))).toBeUndefined(); // no EOI
    expect(readJpegSegments(plainJpeg.subarray(0, 40))).toBeUndefined(); // truncated in a segment
    expect(readJpegSegments(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), plainJpeg]))).toBeUndefined(); // PNG magic first
    const brokenLength = Buffer.from(plainJpeg);
    brokenLength.writeUInt16BE(0xffff, 4); // APP0 claims to run past the end
    expect(readJpegSegments(brokenLength)).toBeUndefined();
  });
});

describe('readFaceMarker', () => {
  it('takes the first face token and notices a spoof marker in any comment', () => {
    expect(readFaceMarker({ comments: ['face:a liveness:spoof'] })).toEqual({ faceId: 'a', spoof: true });
    expect(readFaceMarker({ comments: ['camera: x', 'face:b;face:c'] })).toEqual({ faceId: 'b', spoof: false });
    expect(readFaceMarker({ comments: ['face:', 'face:bad/char', 'faces:x'] })).toEqual({ faceId: undefined, spoof: false });
  });
});
