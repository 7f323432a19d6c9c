import type { JpegSegments } from './read-jpeg-segments.js';

export interface FaceMarker {
  /** Synthetic identity of the face in the picture; undefined: no face found. */
  faceId: string | undefined;
  /** The picture is of a picture (printed, replayed): `liveness:spoof`. */
  spoof: boolean;
}

const FACE = /^face:([A-Za-z0-9._-]{1,64})$/;

/**
 * The sandbox's "face recognition": fixture photos carry `face:<id>` and
 * optionally `liveness:spoof` in a COM segment. Tokens are separated by
 * white space, commas or semicolons; the first face token wins.
 */
export function readFaceMarker(segments: JpegSegments): FaceMarker {
  let faceId: string | undefined;
  let spoof = false;
  for (const token of segments.comments.flatMap((comment) => comment.split(/[\s,;]+/))) {
    const face = FACE.exec(token);
    if (face && faceId === undefined) faceId = face[1];
    if (token === 'liveness:spoof') spoof = true;
  }
  return { faceId, spoof };
}
