import { randomBytes } from 'node:crypto';

export function randomKey(): string {
  return randomBytes(32).toString('base64');
}
