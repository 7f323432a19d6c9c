import { AuditedAdapter, type AdapterDependencies, type Interpretation, type WireResponse } from '#libs/sharing';
import type { UpstreamAnswer } from '../../sessions/verdict.js';
import type { RealNamePurpose } from '../../verification/verifiers.js';
import { interpretTencent } from './tencent-envelope.js';

export interface IdAuthorityPayload {
  [field: string]: string;
  name: string;
  id_number: string;
}

/** Result codes of the ID two-element check (IdCardVerification). */
const RESULTS = {
  '0': { result: 'MATCH' },
  '-1': { result: 'MISMATCH', reasonCode: 'NAME_MISMATCH' },
  '-2': { result: 'REJECTED', reasonCode: 'ID_NUMBER_INVALID' },
  '-3': { result: 'REJECTED', reasonCode: 'NAME_INVALID' },
  '-5': { result: 'NO_RECORD', reasonCode: 'ID_NO_RECORD' },
} as const;

/** The public-security ID authority: does this name go with this ID number? */
export class IdAuthorityAdapter extends AuditedAdapter<IdAuthorityPayload, UpstreamAnswer> {
  readonly recipientId = 'id-authority';

  constructor(
    deps: AdapterDependencies,
    readonly purpose: RealNamePurpose,
  ) {
    super(deps);
  }

  protected interpret(response: WireResponse): Interpretation<UpstreamAnswer> {
    return interpretTencent(response, RESULTS);
  }
}
