export type ConsentAction = 'GRANT' | 'WITHDRAW';

/** One row of the append-only ledger. */
export interface ConsentEvent {
  id: string;
  subjectId: string;
  purpose: string;
  action: ConsentAction;
  policyVersion: string;
  policyTextSha256: string;
  channel: string;
  /** For a withdrawal: the grant it ends. */
  grantId?: string;
  occurredAt: Date;
}

/** A grant and, if it was withdrawn, when. */
export interface Consent {
  id: string;
  subjectId: string;
  purpose: string;
  status: 'GRANTED' | 'WITHDRAWN';
  policyVersion: string;
  policyTextSha256: string;
  channel: string;
  grantedAt: Date;
  withdrawnAt?: Date;
}

export const CHANNELS = ['app', 'web', 'pos', 'api', 'staff'] as const;

/** Folds the ledger into one consent per grant, newest first. */
export function consentsFrom(events: ConsentEvent[]): Consent[] {
  const grants = new Map<string, Consent>();
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (const event of ordered) {
    if (event.action === 'GRANT') {
      grants.set(event.id, {
        id: event.id,
        subjectId: event.subjectId,
        purpose: event.purpose,
        status: 'GRANTED',
        policyVersion: event.policyVersion,
        policyTextSha256: event.policyTextSha256,
        channel: event.channel,
        grantedAt: event.occurredAt,
      });
    } else if (event.grantId && grants.has(event.grantId)) {
      const grant = grants.get(event.grantId)!;
      grants.set(event.grantId, { ...grant, status: 'WITHDRAWN', withdrawnAt: event.occurredAt });
    }
  }
  return [...grants.values()].sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime());
}
