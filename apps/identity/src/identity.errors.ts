import { registerErrorCodes } from '#libs/errors';

/** Codes the identity service answers with as errors. Factor outcomes are results, not errors (docs/identity.md). */
registerErrorCodes({
  SESSION_NOT_FOUND: 'NOT_FOUND',
  SESSION_NOT_OPEN: 'PRECONDITION_FAILED',
  SESSION_BUSY: 'CONFLICT',
  FACTOR_NOT_REQUIRED: 'PRECONDITION_FAILED',
  FACTOR_ALREADY_VERIFIED: 'PRECONDITION_FAILED',
  IDENTITY_NOT_VERIFIED: 'PRECONDITION_FAILED',
  RISK_UNAVAILABLE: 'UNAVAILABLE',
  // Data-subject rights (SubjectDataService).
  FIELD_NOT_CORRECTABLE: 'PRECONDITION_FAILED',
  ERASURE_REQUEST_CONFLICT: 'CONFLICT',
});
