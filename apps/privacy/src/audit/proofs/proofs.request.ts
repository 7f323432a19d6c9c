import type { GetConsistencyProofRequest, GetInclusionProofRequest } from '#contracts/privacy';
import { Matches } from 'class-validator';

const COUNT = /^(0|[1-9]\d{0,15})$/;

export class GetInclusionProofRequestDto implements GetInclusionProofRequest {
  @Matches(COUNT)
  seq: string;

  /** 0 means the current size. */
  @Matches(COUNT)
  treeSize: string;
}

export class GetConsistencyProofRequestDto implements GetConsistencyProofRequest {
  @Matches(COUNT)
  firstSize: string;

  /** 0 means the current size. */
  @Matches(COUNT)
  secondSize: string;
}
