import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { GetConsistencyProofResponse, GetInclusionProofResponse, PrivacyServiceController } from '#contracts/privacy';
import { AuditProofsUseCase } from './audit-proofs.use-case.js';
import { GetConsistencyProofRequestDto, GetInclusionProofRequestDto } from './proofs.request.js';

const hex = (buffer: Buffer): string => buffer.toString('hex');

@Controller()
export class ProofsGrpcController implements Pick<PrivacyServiceController, 'getInclusionProof' | 'getConsistencyProof'> {
  constructor(private readonly proofs: AuditProofsUseCase) {}

  @GrpcMethod('PrivacyService', 'GetInclusionProof')
  async getInclusionProof(@Payload() request: GetInclusionProofRequestDto): Promise<GetInclusionProofResponse> {
    const proof = await this.proofs.inclusion(Number(request.seq), Number(request.treeSize));
    return {
      leafIndex: String(proof.leafIndex),
      treeSize: String(proof.treeSize),
      leafHash: hex(proof.leafHash),
      auditPath: proof.auditPath.map(hex),
      rootHash: hex(proof.rootHash),
    };
  }

  @GrpcMethod('PrivacyService', 'GetConsistencyProof')
  async getConsistencyProof(@Payload() request: GetConsistencyProofRequestDto): Promise<GetConsistencyProofResponse> {
    const proof = await this.proofs.consistency(Number(request.firstSize), Number(request.secondSize));
    return { proof: proof.proof.map(hex), firstRoot: hex(proof.firstRoot), secondRoot: hex(proof.secondRoot) };
  }
}
