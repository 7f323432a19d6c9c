export const DATA_REQUEST_TYPES = ['ACCESS', 'EXPORT', 'CORRECT', 'DELETE', 'CLOSE_ACCOUNT', 'EXPLAIN'] as const;
export type DataRequestType = (typeof DATA_REQUEST_TYPES)[number];
export type DataRequestStatus = 'RECEIVED' | 'IN_PROGRESS' | 'COMPLETED' | 'REFUSED';
/** Requests still owed an answer: what the deadline list and gauges watch. */
export const OPEN_STATUSES: readonly DataRequestStatus[] = ['RECEIVED', 'IN_PROGRESS'];

/** Services that hold personal data and serve SubjectDataService. */
export const SUBJECT_DATA_TARGETS = ['identity', 'merchant', 'risk'] as const;
export type SubjectDataTarget = (typeof SUBJECT_DATA_TARGETS)[number];
export type StepTarget = SubjectDataTarget | 'privacy';

export type StepAction = 'EXPORT' | 'CORRECT' | 'ERASE' | 'WITHDRAW_CONSENTS' | 'EXPLAIN' | 'DELIVER';
export type StepStatus = 'PENDING' | 'DONE' | 'FAILING';

export interface DataRequestStep {
  target: StepTarget;
  action: StepAction;
  status: StepStatus;
  attempts: number;
  lastError?: string;
  /** Earlier steps' outputs feed later ones (exports into the delivered bundle). */
  output?: unknown;
}

/** Non-personal parameters; a CORRECT value is kept apart, encrypted. */
export interface DataRequestParams {
  field?: string;
  decisionId?: string;
  requestHumanReview?: boolean;
}

export interface DataRequest {
  id: string;
  subjectId: string;
  type: DataRequestType;
  status: DataRequestStatus;
  params: DataRequestParams;
  receivedAt: Date;
  dueAt: Date;
  completedAt?: Date;
  refusalReason?: string;
  steps: DataRequestStep[];
  /** The answer; personal data for ACCESS/EXPORT, so stored encrypted. */
  result?: unknown;
}

/** Contact details a user may correct by declaration. */
export const CORRECTABLE_FIELDS = ['phone', 'email', 'address'] as const;
/** Facts an authority verified: a declaration cannot change them. */
export const AUTHORITY_VERIFIED_FIELDS = ['name', 'id_number'] as const;

/** The steps each request type takes, in order. */
export function planSteps(type: DataRequestType): Array<Pick<DataRequestStep, 'target' | 'action'>> {
  const each = (action: StepAction) => SUBJECT_DATA_TARGETS.map((target) => ({ target, action }));
  switch (type) {
    case 'ACCESS':
    case 'EXPORT':
      return [...each('EXPORT'), { target: 'privacy', action: 'EXPORT' }, { target: 'privacy', action: 'DELIVER' }];
    case 'CORRECT':
      return each('CORRECT');
    case 'DELETE':
    case 'CLOSE_ACCOUNT':
      return [{ target: 'privacy', action: 'WITHDRAW_CONSENTS' }, ...each('ERASE'), { target: 'privacy', action: 'ERASE' }];
    case 'EXPLAIN':
      return [{ target: 'risk', action: 'EXPLAIN' }];
  }
}
