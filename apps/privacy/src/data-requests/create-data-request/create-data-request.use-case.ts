import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#libs/errors';
import { parseMobile } from '#libs/pii';
import { randomUUID } from 'node:crypto';
import { AUTHORITY_VERIFIED_FIELDS, CORRECTABLE_FIELDS, planSteps, type DataRequest, type DataRequestType } from '../data-request.js';
import { DataRequestRepository } from '../data-request.repository.js';
import type { WorkingDayCalendar } from '../due-date/working-day-calendar.js';

export const WORKING_DAY_CALENDAR = Symbol('WorkingDayCalendar');
export const DUE_WORKING_DAYS = Symbol('DueWorkingDays');

export interface CreateDataRequestCommand {
  subjectId: string;
  type: DataRequestType;
  field?: string;
  value?: string;
  decisionId?: string;
  requestHumanReview?: boolean;
}

const AUTHORITY_REFUSAL =
  'Your name and ID number were verified with the public-security authority and cannot be changed by declaration. To change them, complete a new real-name verification (POST /v1/kyc/sessions).';

const invalid = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field, code: 'INVALID', message }]);

/** Validates a correction's new value by field, so a bad phone never reaches a service. */
function checkCorrection(field: string | undefined, value: string | undefined): void {
  if (!field) throw invalid('field', 'field is required for CORRECT');
  if (!(CORRECTABLE_FIELDS as readonly string[]).includes(field) && !(AUTHORITY_VERIFIED_FIELDS as readonly string[]).includes(field)) {
    throw invalid('field', `field must be one of ${[...CORRECTABLE_FIELDS, ...AUTHORITY_VERIFIED_FIELDS].join(', ')}`);
  }
  if ((AUTHORITY_VERIFIED_FIELDS as readonly string[]).includes(field)) return;
  if (!value) throw invalid('value', 'value is required for CORRECT');
  if (field === 'phone' && !parseMobile(value).ok) throw invalid('value', 'value must be a mainland mobile number');
  if (field === 'email' && !/^[^\s@]{1,64}@[^\s@]{1,190}\.[A-Za-z]{2,}$/.test(value)) throw invalid('value', 'value must be an e-mail address');
  if (field === 'address' && (value.trim().length < 4 || value.length > 200)) throw invalid('value', 'value must be an address of 4 to 200 characters');
}

/**
 * Receives a request and fixes its deadline: 15 working days, weekends and
 * public holidays not counted (PIPL art. 50 and the privacy policy).
 */
@Injectable()
export class CreateDataRequestUseCase {
  constructor(
    private readonly requests: DataRequestRepository,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Inject(DUE_WORKING_DAYS) private readonly dueWorkingDays: number,
  ) {}

  async execute(command: CreateDataRequestCommand): Promise<DataRequest> {
    if (command.type === 'CORRECT') checkCorrection(command.field, command.value);
    if (command.type === 'EXPLAIN' && !command.decisionId) throw invalid('decision_id', 'decision_id is required for EXPLAIN');
    const receivedAt = new Date();
    const refused = command.type === 'CORRECT' && (AUTHORITY_VERIFIED_FIELDS as readonly string[]).includes(command.field!);
    const request: DataRequest = {
      id: randomUUID(),
      subjectId: command.subjectId,
      type: command.type,
      status: refused ? 'REFUSED' : 'RECEIVED',
      params: {
        ...(command.type === 'CORRECT' ? { field: command.field } : {}),
        ...(command.type === 'EXPLAIN' ? { decisionId: command.decisionId, requestHumanReview: command.requestHumanReview ?? false } : {}),
      },
      receivedAt,
      dueAt: this.calendar.dueAt(receivedAt, this.dueWorkingDays),
      steps: refused ? [] : planSteps(command.type).map((step) => ({ ...step, status: 'PENDING' as const, attempts: 0 })),
      ...(refused ? { completedAt: receivedAt, refusalReason: AUTHORITY_REFUSAL } : {}),
    };
    await this.requests.create(request, refused ? undefined : command.value, {
      source: 'privacy',
      sourceId: `data-request:${request.id}:received`,
      type: 'DATA_REQUEST_STEP',
      actor: { type: 'user', id: command.subjectId },
      subjectId: command.subjectId,
      payload: {
        request_id: request.id,
        request_type: request.type,
        step: 'request',
        status: request.status,
        due_at: request.dueAt.toISOString(),
        ...request.params,
      },
      occurredAt: receivedAt,
    });
    return request;
  }
}
