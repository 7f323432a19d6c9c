import type { PiiVault } from '#libs/pii';
import type { EntityManager } from 'typeorm';
import type { ApplicationForm } from '../../applications/application.js';
import { decryptForm } from './application.rows.js';

/** Put where an erased subject's id was, on records that are not theirs and stay. */
export const ERASED_SUBJECT = 'erased-subject';

/** The subject as erasure receipts hold it: a keyed hash, never the id. */
export function subjectRef(vault: PiiVault, subjectId: string): string {
  return vault.blindIndex('generic', `subject:${subjectId}`);
}

/** The decrypted forms of the applications matching `where` (for the documents they name). */
export async function formsOf(manager: EntityManager, vault: PiiVault, where: string, parameters: unknown[]): Promise<ApplicationForm[]> {
  const rows: Array<{ form_enc: Buffer }> = await manager.query(`SELECT form_enc FROM merchant.applications WHERE ${where}`, parameters);
  return rows.map((row) => decryptForm(vault, row.form_enc));
}
