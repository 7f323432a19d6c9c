import { createHash } from 'node:crypto';

export type FaceImageInput = { ok: true; sha256: string } | { ok: false; reasonCode: 'FACE_IMAGE_INVALID' | 'FACE_IMAGE_TOO_LARGE' };

/**
 * A JPEG starts with SOI (FF D8) followed by a marker (FF xx) and ends with
 * EOI (FF D9). Anything else is refused before it can reach the vendor. The
 * image itself is never kept: only this digest is.
 */
export function inspectFaceImage(image: Uint8Array, maxBytes: number): FaceImageInput {
  if (image.length > maxBytes) return { ok: false, reasonCode: 'FACE_IMAGE_TOO_LARGE' };
  const jpeg =
    image.length >= 4 && image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff && image[image.length - 2] === 0xff && image[image.length - 1] === 0xd9;
  if (!jpeg) return { ok: false, reasonCode: 'FACE_IMAGE_INVALID' };
  return { ok: true, sha256: createHash('sha256').update(image).digest('hex') };
}

export function isLivenessScore(score: number): boolean {
  return Number.isFinite(score) && score >= 0 && score <= 100;
}
