import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus } from './application.js';
import { assertEditable, isAllowed, nextStatus, type ApplicationEvent } from './status-machine.js';

const EVENTS: ApplicationEvent[] = ['SUBMIT', 'PASS_CHECKS', 'FAIL_CHECKS', 'APPROVE', 'REJECT', 'REQUEST_INFO', 'ACTIVATE', 'SUSPEND', 'CLOSE'];

describe('application status machine', () => {
  it('takes an onboarding application from draft to active and on to closed', () => {
    const path: Array<[ApplicationEvent, ApplicationStatus]> = [
      ['SUBMIT', 'SUBMITTED'],
      ['PASS_CHECKS', 'IN_REVIEW'],
      ['REQUEST_INFO', 'NEEDS_INFO'],
      ['SUBMIT', 'SUBMITTED'],
      ['PASS_CHECKS', 'IN_REVIEW'],
      ['APPROVE', 'APPROVED'],
      ['ACTIVATE', 'ACTIVE'],
      ['SUSPEND', 'SUSPENDED'],
      ['ACTIVATE', 'ACTIVE'],
      ['CLOSE', 'CLOSED'],
    ];
    let status: ApplicationStatus = 'DRAFT';
    for (const [event, expected] of path) {
      status = nextStatus('ONBOARDING', status, event);
      expect(status).toBe(expected);
    }
  });

  it('allows exactly the documented transitions (the full table)', () => {
    const allowed = new Set<string>();
    for (const from of APPLICATION_STATUSES) for (const event of EVENTS) if (isAllowed('ONBOARDING', from, event)) allowed.add(`${from} ${event}`);
    expect([...allowed].sort()).toEqual(
      [
        'DRAFT SUBMIT',
        'NEEDS_INFO SUBMIT',
        'SUBMITTED PASS_CHECKS',
        'SUBMITTED FAIL_CHECKS',
        'IN_REVIEW APPROVE',
        'IN_REVIEW REJECT',
        'IN_REVIEW REQUEST_INFO',
        'APPROVED ACTIVATE',
        'SUSPENDED ACTIVATE',
        'ACTIVE SUSPEND',
        'APPROVED CLOSE',
        'ACTIVE CLOSE',
        'SUSPENDED CLOSE',
      ].sort(),
    );
  });

  it('ends an upgrade at APPROVED: it cannot be activated, suspended or closed', () => {
    expect(nextStatus('UPGRADE', 'IN_REVIEW', 'APPROVE')).toBe('APPROVED');
    for (const event of ['ACTIVATE', 'SUSPEND', 'CLOSE'] as const) expect(isAllowed('UPGRADE', 'APPROVED', event)).toBe(false);
  });

  it('refuses anything else with ILLEGAL_TRANSITION naming the event and the state', () => {
    expect(() => nextStatus('ONBOARDING', 'DRAFT', 'APPROVE')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', kind: 'CONFLICT' }));
    expect(() => nextStatus('ONBOARDING', 'REJECTED', 'SUBMIT')).toThrow(/SUBMIT is not allowed for an application in status REJECTED/);
    expect(() => nextStatus('ONBOARDING', 'CLOSED', 'ACTIVATE')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('lets the merchant edit only in DRAFT and NEEDS_INFO', () => {
    for (const status of APPLICATION_STATUSES) {
      const editable = status === 'DRAFT' || status === 'NEEDS_INFO';
      if (editable) expect(() => assertEditable(status)).not.toThrow();
      else expect(() => assertEditable(status)).toThrow(expect.objectContaining({ code: 'APPLICATION_NOT_EDITABLE' }));
    }
  });
});
