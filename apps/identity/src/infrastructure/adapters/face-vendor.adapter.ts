import { AuditedAdapter, type Interpretation, type WireResponse } from '#libs/sharing';
import type { UpstreamAnswer } from '../../sessions/verdict.js';
import { interpretTencent } from './tencent-envelope.js';

export interface FaceVendorPayload {
  [field: string]: string | number;
  name: string;
  id_number: string;
  /** Standard base64 of the JPEG; exists only for the duration of the call. */
  face_image: string;
  liveness_score: number;
}

/** Result codes of face comparison and liveness (ImageRecognition). */
const RESULTS = {
  Success: { result: 'MATCH' },
  'FailedOperation.LivessDetectFail': { result: 'REJECTED', reasonCode: 'LIVENESS_FAILED' },
  'FailedOperation.CompareLowSimilarity': { result: 'MISMATCH', reasonCode: 'FACE_MISMATCH' },
  'FailedOperation.IdNameMisMatch': { result: 'MISMATCH', reasonCode: 'NAME_MISMATCH' },
  'FailedOperation.IdNoExistSystem': { result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD' },
  'FailedOperation.IdFormatError': { result: 'REJECTED', reasonCode: 'ID_NUMBER_INVALID' },
} as const;

const ERRORS = {
  'InvalidParameterValue.ImageDecodeFailed': { result: 'REJECTED', reasonCode: 'FACE_IMAGE_INVALID' },
} as const;

/** The face vendor: is the person in this frame alive, and the holder of this ID number? */
export class FaceVendorAdapter extends AuditedAdapter<FaceVendorPayload, UpstreamAnswer> {
  readonly recipientId = 'face-vendor';
  readonly purpose = 'face_verification' as const;

  protected interpret(response: WireResponse): Interpretation<UpstreamAnswer> {
    return interpretTencent(response, RESULTS, ERRORS);
  }
}
