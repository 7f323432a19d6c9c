import { describe, expect, it } from 'vitest';
import { applyVerdict } from './apply-verdict.js';
import type { Session } from './session.js';
import { fromAnswer, rejected } from './verdict.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const identity = { name: '张伟', idNumber: '110105199003077593' };
const card = { cardNumber: '6222027611320197228', phone: '13800138001' };

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 's-1',
    subjectId: 'user-1',
    targetLevel: 'L3',
    status: 'OPEN',
    createdAt: NOW,
    expiresAt: new Date(NOW.getTime() + 30 * 60_000),
    factors: [],
    version: 3,
    ...overrides,
  };
}

const match = fromAnswer({ result: 'MATCH', billed: true });

describe('applyVerdict', () => {
  it('keeps the identity only when the ID factor matched, and raises the level to L1', () => {
    const { session: next, change } = applyVerdict(session(), 'IDENTITY', match, NOW, { identity });
    expect(next).toMatchObject({ status: 'OPEN', identity, version: 4 });
    expect(change).toMatchObject({ expectedVersion: 3, identity, reachedLevel: { level: 'L1', idNumber: identity.idNumber } });

    const mismatch = applyVerdict(session(), 'IDENTITY', fromAnswer({ result: 'MISMATCH', reasonCode: 'NAME_MISMATCH', billed: true }), NOW, { identity });
    expect(mismatch.session.identity).toBeUndefined();
    expect(mismatch.change).not.toHaveProperty('identity');
    expect(mismatch.change).not.toHaveProperty('reachedLevel');
    expect(mismatch.change.factor).toMatchObject({ type: 'IDENTITY', result: 'MISMATCH', reasonCode: 'NAME_MISMATCH', billed: true });
  });

  it('verifies the session when its target level is reached, not before', () => {
    const l1 = applyVerdict(session({ targetLevel: 'L1' }), 'IDENTITY', match, NOW, { identity });
    expect(l1.change).toMatchObject({ status: 'VERIFIED', verifiedAt: NOW });

    let s = applyVerdict(session(), 'IDENTITY', match, NOW, { identity }).session;
    s = applyVerdict(s, 'LIVENESS', match, NOW).session;
    expect(s.status).toBe('OPEN');
    const l3 = applyVerdict(s, 'BANK_CARD', match, NOW, { card });
    expect(l3.session).toMatchObject({ status: 'VERIFIED', card });
    expect(l3.change.reachedLevel).toEqual({ level: 'L3', at: NOW, idNumber: identity.idNumber });
  });

  it('counts a card matched before the face only once the face matches', () => {
    let s = applyVerdict(session(), 'IDENTITY', match, NOW, { identity }).session;
    const card1 = applyVerdict(s, 'BANK_CARD', match, NOW, { card });
    expect(card1.change.reachedLevel).toBeUndefined();
    s = card1.session;
    const face = applyVerdict(s, 'LIVENESS', match, NOW);
    expect(face.change).toMatchObject({ status: 'VERIFIED', reachedLevel: { level: 'L3' } });
  });

  it('closes the session when the verdict says so, whatever was matched', () => {
    expect(applyVerdict(session(), 'IDENTITY', rejected('UNDERAGE', 'FAILED'), NOW).change.status).toBe('FAILED');
    expect(applyVerdict(session(), 'IDENTITY', rejected('ATTEMPTS_EXCEEDED', 'LOCKED'), NOW).change.status).toBe('LOCKED');
  });

  it('leaves the session open after upstream trouble', () => {
    const { change } = applyVerdict(session(), 'IDENTITY', fromAnswer({ result: 'UNAVAILABLE', reasonCode: 'UPSTREAM_UNAVAILABLE', billed: false }), NOW, {
      identity,
    });
    expect(change).toMatchObject({ status: 'OPEN', factor: { result: 'UNAVAILABLE', retryable: true } });
  });
});
