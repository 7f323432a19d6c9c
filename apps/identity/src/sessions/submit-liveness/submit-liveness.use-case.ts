import { Injectable } from '@nestjs/common';
import type { DeviceContext } from '../../risk/risk-assessor.js';
import { inspectFaceImage } from '../../verification/face-image.js';
import { FaceVerifier } from '../../verification/verifiers.js';
import { FactorPipeline, type FactorOutcome } from '../factor-pipeline.js';
import { rejected } from '../verdict.js';
import { VerificationPolicy } from '../verification-policy.js';

export interface SubmitLivenessCommand {
  subjectId: string;
  sessionId: string;
  livenessScore: number;
  faceImage: Uint8Array;
  context: DeviceContext;
}

/**
 * Factor 2 (L2): the frame against the authority photo of the person the
 * ID factor matched. The frame lives only for the call: what stays is its
 * SHA-256, the scores and the verdict.
 */
@Injectable()
export class SubmitLivenessUseCase {
  constructor(
    private readonly pipeline: FactorPipeline,
    private readonly faces: FaceVerifier,
    private readonly policy: VerificationPolicy,
  ) {}

  execute(command: SubmitLivenessCommand): Promise<FactorOutcome> {
    return this.pipeline.submit(command.subjectId, command.sessionId, 'LIVENESS', async (session) => {
      const image = inspectFaceImage(command.faceImage, this.policy.faceImageMaxBytes);
      if (!image.ok) return { verdict: rejected(image.reasonCode) };
      const identity = session.identity!;
      return {
        plan: {
          attemptValue: { kind: 'id_number', value: identity.idNumber },
          risk: { event: 'KYC', context: command.context, idNumber: identity.idNumber },
          call: () => this.faces.verify(command.subjectId, { identity, image: command.faceImage, sha256: image.sha256, livenessScore: command.livenessScore }),
          face: { sha256: image.sha256, livenessScore: command.livenessScore },
        },
      };
    });
  }
}
