import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSandboxFixtures } from '../../../sandbox-verifiers/src/fixtures/index.js';
import { inspectFaceImage } from './face-image.js';

const jpeg = Buffer.from(loadSandboxFixtures().photoBase64('p01-happy.selfie.jpg'), 'base64');

describe('inspectFaceImage', () => {
  it('accepts a JPEG and keeps only its SHA-256', () => {
    expect(inspectFaceImage(jpeg, 2 * 1024 * 1024)).toEqual({ ok: true, sha256: createHash('sha256').update(jpeg).digest('hex') });
  });

  it('refuses what is not a JPEG: other formats, truncated files, nothing', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    for (const bad of [png, jpeg.subarray(0, jpeg.length - 2), Buffer.alloc(0), Buffer.from('ffd8', 'hex'), Buffer.from('hello')]) {
      expect(inspectFaceImage(bad, 2 * 1024 * 1024)).toEqual({ ok: false, reasonCode: 'FACE_IMAGE_INVALID' });
    }
  });

  it('refuses a JPEG over the limit, counted in decoded bytes', () => {
    const big = Buffer.concat([jpeg.subarray(0, jpeg.length - 2), Buffer.alloc(2 * 1024 * 1024), Buffer.from('ffd9', 'hex')]);
    expect(inspectFaceImage(big, 2 * 1024 * 1024)).toEqual({ ok: false, reasonCode: 'FACE_IMAGE_TOO_LARGE' });
    expect(inspectFaceImage(jpeg, jpeg.length)).toMatchObject({ ok: true });
    expect(inspectFaceImage(jpeg, jpeg.length - 1)).toEqual({ ok: false, reasonCode: 'FACE_IMAGE_TOO_LARGE' });
  });
});
