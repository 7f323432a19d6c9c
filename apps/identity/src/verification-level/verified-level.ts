export type { Level } from '../sessions/session.js';
import type { Level } from '../sessions/session.js';

export interface VerifiedLevel {
  subjectId: string;
  level: Level;
  verifiedAt: Date;
}
