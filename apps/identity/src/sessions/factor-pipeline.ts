import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { LOGGER, type Logger } from '#libs/observability';
import { RiskAssessor, type RiskQuery } from '../risk/risk-assessor.js';
import { Clock } from '../shared/clock.js';
import { applyVerdict, type Submitted } from './apply-verdict.js';
import { AttemptLedger } from './attempt-ledger.js';
import { SessionRepository } from './session.repository.js';
import { effectiveStatus, hasMatched, LEVEL_OF_FACTOR, levelRank, type FaceEvidence, type FactorRecord, type FactorType, type Session } from './session.js';
import { fromAnswer, rejected, verdictForFailure, type UpstreamAnswer, type Verdict } from './verdict.js';
import { VerificationPolicy } from './verification-policy.js';

/** How one submission is to be checked upstream. */
export interface UpstreamPlan {
  /** The number failures are counted against, besides the user. */
  attemptValue: { kind: 'id_number' | 'bank_card'; value: string };
  risk: Omit<RiskQuery, 'subjectId'>;
  call: () => Promise<UpstreamAnswer>;
  submitted?: Submitted;
  /** Face checks: the digest and SDK score, kept whatever the outcome. */
  face?: FaceEvidence;
}

/** A factor either decided here (malformed input, under age) or to be checked upstream. */
export type FactorDecision = { verdict: Verdict } | { plan: UpstreamPlan };

export interface FactorOutcome {
  factor: FactorRecord;
  session: Session;
}

// Longer than the slowest submission (risk, authorisation, the vendor's deadline, completion retries).
const LEASE_MS = 60_000;

/**
 * The steps every factor submission takes, in order: hold the session's
 * lease; check the session is open and the factor due; decide locally or
 * reserve an attempt (refusing past the limit), ask risk, call upstream;
 * then write the factor, the session and the settled attempt in one
 * transaction. Nothing leaves before the input is valid and the limits and
 * risk allow it.
 */
@Injectable()
export class FactorPipeline {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly attempts: AttemptLedger,
    private readonly risk: RiskAssessor,
    private readonly policy: VerificationPolicy,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async submit(subjectId: string, sessionId: string, type: FactorType, decide: (session: Session) => Promise<FactorDecision>): Promise<FactorOutcome> {
    await this.claim(subjectId, sessionId);
    // What to undo if the factor is not written: the lease, and the attempt reserved for it.
    const held: { reservation?: string; written: boolean } = { written: false };
    try {
      const session = await this.sessions.findOwned(sessionId, subjectId);
      if (!session) throw new DomainError('SESSION_NOT_FOUND', 'No such session');
      this.assertDue(session, type);
      const decision = await decide(session);
      const outcome = 'verdict' in decision ? await this.write(session, type, decision.verdict) : await this.checkUpstream(session, type, decision.plan, held);
      held.written = true;
      return outcome;
    } finally {
      if (!held.written) await this.release(sessionId, held.reservation);
    }
  }

  private async claim(subjectId: string, sessionId: string): Promise<void> {
    const now = this.clock.now();
    if (await this.sessions.claim(sessionId, subjectId, now, new Date(now.getTime() + LEASE_MS))) return;
    if (!(await this.sessions.findOwned(sessionId, subjectId))) throw new DomainError('SESSION_NOT_FOUND', 'No such session');
    throw new DomainError('SESSION_BUSY', 'Another factor of this session is being checked; retry shortly');
  }

  private async checkUpstream(session: Session, type: FactorType, plan: UpstreamPlan, held: { reservation?: string }): Promise<FactorOutcome> {
    const now = this.clock.now();
    const reserved = await this.attempts.reserve(
      { kind: type, subjectId: session.subjectId, value: plan.attemptValue, limit: this.policy.maxFailedAttempts[type], since: this.policy.attemptsSince(now) },
      now,
    );
    if (!reserved.ok) return this.write(session, type, withFace(rejected('ATTEMPTS_EXCEEDED', 'LOCKED'), plan.face));
    held.reservation = reserved.id;
    const risk = await this.risk.assess({ subjectId: session.subjectId, ...plan.risk });
    let answer: UpstreamAnswer | undefined;
    const verdict =
      risk.decision === 'DENY'
        ? rejected('RISK_DENIED')
        : await plan.call().then((answered) => {
            answer = answered;
            return fromAnswer(answered);
          }, verdictForFailure);
    // Risk counts failed real-name checks per device: only KYC decisions take an outcome.
    const kycDecisionId = plan.risk.event === 'KYC' ? risk.decisionId : undefined;
    return this.write(session, type, withFace(verdict, plan.face, answer), plan.submitted, reserved.id, kycDecisionId);
  }

  private async release(sessionId: string, reservation: string | undefined): Promise<void> {
    if (reservation) await this.attempts.release(reservation).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release an attempt'));
    await this.sessions.releaseClaim(sessionId).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release a session lease'));
  }

  private assertDue(session: Session, type: FactorType): void {
    const status = effectiveStatus(session, this.clock.now());
    if (status !== 'OPEN') throw new DomainError('SESSION_NOT_OPEN', `The session is ${status} and takes no more factors`);
    if (levelRank(LEVEL_OF_FACTOR[type]) > levelRank(session.targetLevel))
      throw new DomainError('FACTOR_NOT_REQUIRED', `A ${session.targetLevel} session takes no ${type} factor`);
    if (hasMatched(session, type)) throw new DomainError('FACTOR_ALREADY_VERIFIED', `The ${type} factor of this session already matched`);
    if (type !== 'IDENTITY' && !session.identity) throw new DomainError('IDENTITY_NOT_VERIFIED', 'The ID factor must match first');
  }

  private async write(
    session: Session,
    type: FactorType,
    verdict: Verdict,
    submitted: Submitted = {},
    reservation?: string,
    riskDecisionId?: string,
  ): Promise<FactorOutcome> {
    const { session: next, change } = applyVerdict(session, type, verdict, this.clock.now(), submitted);
    if (reservation) change.attempt = { id: reservation, failed: verdict.countsAsFailure };
    const answered = verdict.result === 'MATCH' || verdict.countsAsFailure;
    if (riskDecisionId && answered) change.riskOutcome = { decisionId: riskDecisionId, outcome: verdict.result === 'MATCH' ? 'KYC_PASSED' : 'KYC_FAILED' };
    if (!(await this.sessions.applyFactor(change))) throw new DomainError('SESSION_BUSY', 'The session changed while the factor was checked; retry');
    this.logger.info({ sessionId: session.id, factor: type, result: verdict.result, reason: verdict.reasonCode, status: next.status }, 'Factor recorded');
    return { factor: change.factor, session: next };
  }
}

/** Face checks keep the digest and scores whatever the outcome; never the image. */
function withFace(verdict: Verdict, face: FaceEvidence | undefined, answer?: UpstreamAnswer): Verdict {
  if (!face) return verdict;
  return {
    ...verdict,
    face: {
      ...face,
      ...(answer?.similarity !== undefined ? { similarity: answer.similarity } : {}),
      ...(answer?.livenessVerdict ? { livenessVerdict: answer.livenessVerdict } : {}),
    },
  };
}
