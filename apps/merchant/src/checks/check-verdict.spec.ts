import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../applications/application.js';
import { checkVerdict } from './check-verdict.js';

const at = '2026-11-22T00:00:00.000Z';
const check = (result: Partial<CheckResult> & Pick<CheckResult, 'check' | 'result'>): CheckResult => ({ checkedAt: at, ...result });

describe('checkVerdict', () => {
  it('sends a clean submission to review with one approval needed', () => {
    expect(checkVerdict([check({ check: 'REAL_NAME', result: 'PASS' }), check({ check: 'RISK', result: 'PASS', detail: 'ALLOW' })])).toEqual({
      outcome: 'PASS',
      approvalsRequired: 1,
    });
  });

  it('asks for two reviewers when risk says REVIEW or DENY', () => {
    for (const detail of ['REVIEW', 'DENY'])
      expect(checkVerdict([check({ check: 'REAL_NAME', result: 'PASS' }), check({ check: 'RISK', result: 'FLAG', detail })])).toEqual({
        outcome: 'PASS',
        approvalsRequired: 2,
      });
  });

  it('rejects on a hard failure with per-field reasons, even while another check is unavailable', () => {
    expect(
      checkVerdict([
        check({ check: 'REAL_NAME', result: 'FAIL', detail: 'NAME_MISMATCH', field: 'owner.name' }),
        check({ check: 'SETTLEMENT_ACCOUNT', result: 'UNAVAILABLE', detail: 'SERVER_ERROR' }),
        check({ check: 'DUPLICATE', result: 'FAIL', detail: 'DUPLICATE_MERCHANT', field: 'owner.id_number' }),
      ]),
    ).toEqual({
      outcome: 'REJECT',
      reasons: [
        { field: 'owner.name', reason: 'NAME_MISMATCH' },
        { field: 'owner.id_number', reason: 'DUPLICATE_MERCHANT' },
      ],
    });
  });

  it('waits (neither rejects nor passes) when an upstream is unavailable', () => {
    expect(checkVerdict([check({ check: 'REAL_NAME', result: 'UNAVAILABLE' }), check({ check: 'RISK', result: 'FLAG', detail: 'DENY' })])).toEqual({
      outcome: 'RETRY',
    });
  });

  it('names the whole application when a failure has no field', () => {
    expect(checkVerdict([check({ check: 'RISK', result: 'FAIL' })])).toEqual({ outcome: 'REJECT', reasons: [{ field: 'application', reason: 'RISK' }] });
  });
});
