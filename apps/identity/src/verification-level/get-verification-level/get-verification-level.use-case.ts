import { Injectable } from '@nestjs/common';
import { VerificationLevelRepository } from '../verification-level.repository.js';
import type { Level } from '../verified-level.js';

export interface VerificationLevelView {
  level: Level | 'NONE';
  verifiedAt?: Date;
}

@Injectable()
export class GetVerificationLevelUseCase {
  constructor(private readonly levels: VerificationLevelRepository) {}

  async execute(subjectId: string): Promise<VerificationLevelView> {
    const found = await this.levels.findBySubject(subjectId);
    return found ? { level: found.level, verifiedAt: found.verifiedAt } : { level: 'NONE' };
  }
}
