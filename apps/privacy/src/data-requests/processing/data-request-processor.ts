import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { fromGrpcError } from '#libs/grpc';
import { LOGGER, type Logger } from '#libs/observability';
import type { NewAuditEntry } from '../../audit/audit-entry.js';
import type { DataRequest, DataRequestStep, SubjectDataTarget } from '../data-request.js';
import { DataRequestRepository } from '../data-request.repository.js';
import { DataSubjectDeliveryAdapter } from './data-subject-delivery.adapter.js';
import { DecisionExplainer, type DecisionExplanation } from './decision-explainer.js';
import { LocalSubjectData } from './local-subject-data.js';
import { SubjectDataGateway, type HeldCategory } from './subject-data.gateway.js';

export const DELIVERY_ADAPTER_FACTORY = Symbol('DeliveryAdapterFactory');
export const PROCESSOR_POLL_MS = Symbol('ProcessorPollMs');
export type DeliveryAdapterFactory = (mailbox: (bundle: unknown) => Promise<void>) => DataSubjectDeliveryAdapter;

/** Answers from a step that make the request impossible: it is refused, with this reason. */
const REFUSALS: Record<string, string> = {
  FIELD_NOT_CORRECTABLE: 'This field was verified by an authority and cannot be changed by declaration; complete a new real-name verification instead.',
  DECISION_NOT_FOUND: 'No automated decision with this id was made about you.',
};

const backoffMs = (attempts: number): number => Math.min(300_000, 1000 * 2 ** attempts);

/**
 * Works through open data-subject requests step by step. A step that fails
 * is retried with backoff and shows as FAILING on the request until it
 * succeeds; a request completes only when every step is done, so it never
 * ends half-done without saying so. Every step is an audit-log entry.
 */
@Injectable()
export class DataRequestProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly requests: DataRequestRepository,
    private readonly services: SubjectDataGateway,
    private readonly local: LocalSubjectData,
    private readonly explainer: DecisionExplainer,
    @Inject(DELIVERY_ADAPTER_FACTORY) private readonly delivery: DeliveryAdapterFactory,
    @Inject(PROCESSOR_POLL_MS) private readonly pollMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.pollMs <= 0) return;
    const tick = (): void => {
      this.running = this.drain().catch((error: unknown) => this.logger.warn({ err: error }, 'Data request pass failed'));
      void this.running.finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.pollMs);
      });
    };
    this.timer = setTimeout(tick, this.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over the requests with work due. */
  async drain(): Promise<void> {
    for (const request of await this.requests.claimWork(10, 120_000)) await this.process(request);
  }

  private audit(request: DataRequest, step: string, status: string, extra: Record<string, unknown> = {}): NewAuditEntry {
    const attempt = request.steps.find((candidate) => `${candidate.target}.${candidate.action}` === step)?.attempts ?? 0;
    return {
      source: 'privacy',
      sourceId: `data-request:${request.id}:${step}:${status}:${attempt}`,
      type: 'DATA_REQUEST_STEP',
      actor: { type: 'system', id: 'data-request-processor' },
      subjectId: request.subjectId,
      payload: { request_id: request.id, request_type: request.type, step, status, ...extra },
      occurredAt: new Date(),
    };
  }

  private async process(request: DataRequest): Promise<void> {
    for (const step of request.steps) {
      if (step.status === 'DONE') continue;
      try {
        step.output = await this.run(request, step);
        await this.requests.recordStep(request.id, step, 'DONE', { output: step.output }, this.audit(request, `${step.target}.${step.action}`, 'DONE'));
        step.status = 'DONE';
      } catch (error) {
        const domain = fromGrpcError(error);
        const refusal = REFUSALS[domain.code];
        if (refusal) {
          await this.requests.finish(
            request.id,
            { status: 'REFUSED', refusalReason: refusal },
            this.audit(request, `${step.target}.${step.action}`, 'REFUSED', { code: domain.code }),
          );
          return;
        }
        const retryAt = new Date(Date.now() + backoffMs(step.attempts));
        await this.requests.recordStep(
          request.id,
          step,
          'FAILING',
          { error: domain.code, retryAt },
          this.audit(request, `${step.target}.${step.action}`, 'FAILING', { code: domain.code, attempt: step.attempts + 1 }),
        );
        this.logger.warn({ requestId: request.id, step: `${step.target}.${step.action}`, code: domain.code }, 'Data request step failed; will retry');
        return;
      }
    }
    await this.requests.finish(request.id, { status: 'COMPLETED', result: this.answer(request) }, this.audit(request, 'request', 'COMPLETED'));
  }

  private async run(request: DataRequest, step: DataRequestStep): Promise<unknown> {
    const target = step.target as SubjectDataTarget;
    switch (step.action) {
      case 'EXPORT':
        return step.target === 'privacy'
          ? { data: await this.local.export(request.subjectId), held: [] }
          : this.services.export(target, request.subjectId, 'SUBJECT_COPY');
      case 'CORRECT': {
        const value = await this.requests.correctionValue(request.id);
        return { updated: await this.services.correct(target, request.subjectId, request.params.field!, value ?? '', request.id) };
      }
      case 'ERASE': {
        const mode = request.type === 'CLOSE_ACCOUNT' ? 'CLOSE_ACCOUNT' : 'DELETE';
        return step.target === 'privacy' ? this.local.erase(request.subjectId, mode) : this.services.erase(target, request.subjectId, mode, request.id);
      }
      case 'WITHDRAW_CONSENTS':
        return { withdrawn: await this.local.withdrawAll(request.subjectId) };
      case 'EXPLAIN':
        return this.explainer.explain({
          subjectId: request.subjectId,
          decisionId: request.params.decisionId!,
          requestHumanReview: request.params.requestHumanReview ?? false,
          requestId: request.id,
        });
      case 'DELIVER': {
        const adapter = this.delivery((bundle) => this.requests.storeResult(request.id, bundle));
        await adapter.send(request.subjectId, { export_bundle: this.bundle(request) }, { references: { request_id: request.id } });
        return { delivered: true };
      }
    }
  }

  /** The machine-readable copy: every service's section, and what is held under a legal duty. */
  private bundle(request: DataRequest): Record<string, unknown> {
    const exports = request.steps.filter((step) => step.action === 'EXPORT' && step.output) as Array<
      DataRequestStep & { output: { data: unknown; held: HeldCategory[] } }
    >;
    return {
      format: 'kyc-gateway.subject-data.v1',
      request_id: request.id,
      request_type: request.type,
      subject_id: request.subjectId,
      generated_at: new Date().toISOString(),
      sections: Object.fromEntries(exports.map((step) => [step.target, step.output.data])),
      held_under_legal_duty: exports.flatMap((step) => step.output.held.map((held) => ({ service: step.target, ...held }))),
    };
  }

  private answer(request: DataRequest): unknown {
    const outputs = Object.fromEntries(request.steps.map((step) => [`${step.target}.${step.action}`, step.output]));
    switch (request.type) {
      case 'ACCESS':
      case 'EXPORT':
        return undefined;
      case 'CORRECT':
        return {
          field: request.params.field,
          updated_records: request.steps.reduce((sum, step) => sum + ((step.output as { updated?: number })?.updated ?? 0), 0),
        };
      case 'DELETE':
      case 'CLOSE_ACCOUNT': {
        const erasures = request.steps
          .filter((step) => step.action === 'ERASE')
          .map((step) => ({ service: step.target, ...(step.output as { deleted: number; anonymised: number; held: HeldCategory[] }) }));
        return {
          consents_withdrawn: (outputs['privacy.WITHDRAW_CONSENTS'] as { withdrawn: number })?.withdrawn ?? 0,
          deleted: erasures.reduce((sum, erasure) => sum + erasure.deleted, 0),
          anonymised: erasures.reduce((sum, erasure) => sum + erasure.anonymised, 0),
          held_under_legal_duty: erasures.flatMap((erasure) =>
            erasure.held.map((held) => ({
              service: erasure.service,
              category: held.category,
              legal_basis: held.legalBasis,
              hold_until: held.holdUntil,
              records: held.records,
            })),
          ),
          account_closed: request.type === 'CLOSE_ACCOUNT',
        };
      }
      case 'EXPLAIN': {
        const explained = outputs['risk.EXPLAIN'] as DecisionExplanation | undefined;
        return (
          explained && {
            decision_id: explained.decisionId,
            decision: explained.decision,
            made_at: explained.madeAt,
            explanation: explained.explanation,
            reasons: explained.reasons,
            human_review: { requested: explained.humanReview?.requested ?? false, case_id: explained.humanReview?.caseId },
          }
        );
      }
    }
  }
}
