import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { CreateCheckpointResponse, ListCheckpointsResponse, PrivacyServiceController } from '#contracts/privacy';
import { toCheckpointMessage } from '../audit-entry.mapper.js';
import { AuditLogRepository } from '../audit-log.repository.js';
import { CheckpointSigner } from '../checkpoint-signer.js';
import { CreateCheckpointUseCase } from './create-checkpoint.use-case.js';

@Controller()
export class CheckpointsGrpcController implements Pick<PrivacyServiceController, 'createCheckpoint' | 'listCheckpoints'> {
  constructor(
    private readonly createCheckpointUseCase: CreateCheckpointUseCase,
    private readonly log: AuditLogRepository,
    private readonly signer: CheckpointSigner,
  ) {}

  @GrpcMethod('PrivacyService', 'CreateCheckpoint')
  async createCheckpoint(): Promise<CreateCheckpointResponse> {
    return { checkpoint: toCheckpointMessage(await this.createCheckpointUseCase.execute()) };
  }

  @GrpcMethod('PrivacyService', 'ListCheckpoints')
  async listCheckpoints(): Promise<ListCheckpointsResponse> {
    return { checkpoints: (await this.log.checkpoints()).map(toCheckpointMessage), publicKeyPem: this.signer.publicKeyPem };
  }
}
