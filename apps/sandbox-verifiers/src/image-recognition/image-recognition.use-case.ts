import { Injectable } from '@nestjs/common';
import { readIdNumber } from '../formats/id-number-format.js';
import { readFaceMarker } from '../jpeg/read-face-marker.js';
import { Clock } from '../runtime/clock.js';
import { AuthorityDatabase } from '../world/authority-database.js';
import { decodeImage } from './decode-image.js';
import { faceSimilarity, PASSING_SIMILARITY } from './face-similarity.js';
import type { ImageRecognitionRequest } from './image-recognition.request.js';
import { imageRecognitionAnswer, type ImageRecognitionAnswer, type LivenessVerdict } from './image-recognition.results.js';

const MIN_SDK_LIVENESS_SCORE = 50;

/**
 * The face vendor: liveness on the submitted photo, then comparison with the
 * authority's ID photo of the person named. Checks run in the vendor's
 * order: image, ID number, record, name, liveness, similarity.
 */
@Injectable()
export class ImageRecognitionUseCase {
  constructor(
    private readonly authority: AuthorityDatabase,
    private readonly clock: Clock,
  ) {}

  execute(request: ImageRecognitionRequest): ImageRecognitionAnswer {
    const image = decodeImage(request.ImageBase64);
    const face = readFaceMarker(image.segments);
    const liveness: LivenessVerdict = face.spoof || (request.LivenessScore ?? 100) < MIN_SDK_LIVENESS_SCORE ? 'FAIL' : 'PASS';

    const idNumber = readIdNumber(request.IdCard, this.clock.today());
    if (!idNumber) return imageRecognitionAnswer('FailedOperation.IdFormatError', 0, liveness);
    const record = this.authority.find(idNumber);
    if (!record) return imageRecognitionAnswer('FailedOperation.IdNoExistSystem', 0, liveness);
    if (record.name !== request.Name) return imageRecognitionAnswer('FailedOperation.IdNameMisMatch', 0, liveness);

    const sim = faceSimilarity(record.faceId, face.faceId, image.bytes);
    if (liveness === 'FAIL') return imageRecognitionAnswer('FailedOperation.LivessDetectFail', sim, liveness);
    return imageRecognitionAnswer(sim >= PASSING_SIMILARITY ? 'Success' : 'FailedOperation.CompareLowSimilarity', sim, liveness);
  }
}
