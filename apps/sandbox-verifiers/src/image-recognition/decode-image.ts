import { readJpegSegments, type JpegSegments } from '../jpeg/read-jpeg-segments.js';
import { TencentApiError } from '../tencent/tencent-api.error.js';

const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface SubmittedImage {
  bytes: Buffer;
  segments: JpegSegments;
}

/** Standard, padded base64 of a whole JPEG (RFC 4648), as Tencent asks; anything else is a 400. */
export function decodeImage(imageBase64: string): SubmittedImage {
  const bytes = imageBase64.length % 4 === 0 && STANDARD_BASE64.test(imageBase64) ? Buffer.from(imageBase64, 'base64') : undefined;
  const segments = bytes && readJpegSegments(bytes);
  if (!bytes || !segments) {
    throw new TencentApiError(400, 'InvalidParameterValue.ImageDecodeFailed', 'ImageBase64 is not a standard-base64 JPEG image.');
  }
  return { bytes, segments };
}
