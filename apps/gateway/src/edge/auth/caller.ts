export const ROLES = ['user', 'merchant', 'risk_analyst', 'reviewer', 'privacy_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated party behind a request, from the verified token only. */
export interface Caller {
  subjectId: string;
  roles: Role[];
  merchantId?: string;
}
