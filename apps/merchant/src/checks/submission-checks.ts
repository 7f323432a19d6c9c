import { Inject, Injectable, Optional } from '@nestjs/common';
import { parseCreditCode } from '#libs/pii';
import type { Application, CheckName, CheckResult } from '../applications/application.js';
import { ApplicationRepository } from '../applications/application.repository.js';
import { RealNameChecker } from './real-name-checker.js';
import { RiskAssessor } from './risk-assessor.js';
import { SettlementAccountVerifier } from './settlement-account-verifier.js';

/** Compared the way a bank compares them: exactly, after Unicode normalisation and trimming. */
const sameName = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && a.normalize('NFKC').trim() === b.normalize('NFKC').trim();

/** Whose identity the real-name check is about, and where in the form it sits. */
function principalOf(application: Application): { prefix: string; name?: string; idNumber?: string; idType: string; phone?: string } {
  if (application.type === 'INDIVIDUAL') {
    const owner = application.form.owner;
    return { prefix: 'owner', name: owner?.name, idNumber: owner?.id_number, idType: 'RESIDENT_ID', phone: owner?.phone };
  }
  const representative = application.form.legal_representative;
  return {
    prefix: 'legal_representative',
    name: representative?.name,
    idNumber: representative?.id_number,
    idType: representative?.id_type ?? 'RESIDENT_ID',
    phone: representative?.phone,
  };
}

/** Unified social credit codes to accept despite a failing check character (`CREDIT_CODE_PILOT_CODES`). */
export const CREDIT_CODE_PILOT_CODES = Symbol('CreditCodePilotCodes');

/**
 * The automated checks of a submission, and their results for the reviewer.
 * Cheap local checks run first and decide alone when they fail, so a typo
 * costs no billed upstream call. Upstream checks run side by side; a check
 * that already answered in an earlier try of the same submission is not
 * asked again (the real-name and account checks are billed per call).
 */
@Injectable()
export class SubmissionChecks {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly realName: RealNameChecker,
    private readonly accounts: SettlementAccountVerifier,
    private readonly risk: RiskAssessor,
    @Optional() @Inject(CREDIT_CODE_PILOT_CODES) private readonly pilotCodes: readonly string[] = [],
  ) {}

  async run(application: Application, now: Date, parent?: Application): Promise<CheckResult[]> {
    const at = now.toISOString();
    const result = (check: CheckName, outcome: CheckResult['result'], extra: Partial<CheckResult> = {}): CheckResult => ({
      check,
      result: outcome,
      ...extra,
      checkedAt: at,
    });
    const local: CheckResult[] = [];
    const license = application.form.business_license;
    if (license?.credit_code) {
      const parsed = parseCreditCode(license.credit_code, { pilotCodes: this.pilotCodes });
      local.push(
        parsed.ok
          ? result('CREDIT_CODE', 'PASS', { detail: parsed.warnings.includes('CHECK_DIGIT_PILOT') ? 'PILOT_CODE' : 'VALID' })
          : result('CREDIT_CODE', 'FAIL', { detail: `CREDIT_CODE_${parsed.reason}`, field: 'business_license.credit_code' }),
      );
    }

    if (application.kind === 'UPGRADE') {
      const card = application.form.credit_card_authorization;
      if (card && parent) {
        const holder = principalOf(parent).name;
        local.push(
          sameName(card.account_name, holder)
            ? result('CARD_HOLDER', 'PASS', { detail: 'MATCH' })
            : result('CARD_HOLDER', 'FAIL', { detail: 'CARD_HOLDER_MISMATCH', field: 'credit_card_authorization.account_name' }),
        );
      }
      return local;
    }

    const duplicates = await this.applications.findDuplicates(application);
    if (duplicates.length === 0) local.push(result('DUPLICATE', 'PASS', { detail: 'NONE' }));
    for (const duplicate of duplicates) local.push(result('DUPLICATE', 'FAIL', { detail: 'DUPLICATE_MERCHANT', field: duplicate.field }));

    const account = application.form.settlement_account;
    const holder = application.type === 'INDIVIDUAL' ? application.form.owner?.name : application.form.company?.name;
    const accountNameMatches = sameName(account?.account_name, holder);
    if (!accountNameMatches) local.push(result('SETTLEMENT_ACCOUNT', 'FAIL', { detail: 'ACCOUNT_NAME_MISMATCH', field: 'settlement_account.account_name' }));
    if (local.some((check) => check.result === 'FAIL')) return local;

    const earlier = new Map(application.checks.filter((check) => check.result !== 'UNAVAILABLE').map((check) => [check.check, check]));
    const principal = principalOf(application);
    const [realName, settlement, risk] = await Promise.all([
      earlier.get('REAL_NAME') ?? this.checkRealName(application, principal, result),
      earlier.get('SETTLEMENT_ACCOUNT') ?? this.checkAccount(application, result),
      earlier.get('RISK') ?? this.assessRisk(application, principal, result),
    ]);
    return [...local, realName, settlement, risk];
  }

  private async checkRealName(
    application: Application,
    principal: ReturnType<typeof principalOf>,
    result: (check: CheckName, outcome: CheckResult['result'], extra?: Partial<CheckResult>) => CheckResult,
  ): Promise<CheckResult> {
    // The authority knows resident IDs only; anyone else is checked by people (two of them).
    if (principal.idType !== 'RESIDENT_ID') return result('REAL_NAME', 'FLAG', { detail: 'ID_TYPE_NOT_VERIFIABLE', field: `${principal.prefix}.id_type` });
    const answer = await this.realName.check({ subjectId: disclosureSubject(application), name: principal.name!, idNumber: principal.idNumber! });
    switch (answer.result) {
      case 'MATCH':
        return result('REAL_NAME', 'PASS', { detail: 'MATCH' });
      case 'MISMATCH':
        return result('REAL_NAME', 'FAIL', { detail: answer.reasonCode || 'NAME_MISMATCH', field: `${principal.prefix}.name` });
      case 'NO_RECORD':
        return result('REAL_NAME', 'FAIL', { detail: answer.reasonCode || 'ID_NO_RECORD', field: `${principal.prefix}.id_number` });
      case 'REJECTED':
        // A refusal that may pass later (e.g. attempts locked for a while) is waited out, not held against the merchant.
        if (answer.retryable) return result('REAL_NAME', 'UNAVAILABLE', { detail: answer.reasonCode || 'REJECTED' });
        return result('REAL_NAME', 'FAIL', { detail: answer.reasonCode || 'REJECTED', field: `${principal.prefix}.id_number` });
      default:
        return result('REAL_NAME', 'UNAVAILABLE', { detail: answer.reasonCode || 'UPSTREAM_UNAVAILABLE' });
    }
  }

  private async checkAccount(
    application: Application,
    result: (check: CheckName, outcome: CheckResult['result'], extra?: Partial<CheckResult>) => CheckResult,
  ): Promise<CheckResult> {
    const account = application.form.settlement_account!;
    const answer = await this.accounts.verify({
      subjectId: disclosureSubject(application),
      accountName: account.account_name!,
      accountNumber: account.account_number!,
    });
    switch (answer.result) {
      case 'MATCH':
        return result('SETTLEMENT_ACCOUNT', 'PASS', { detail: 'MATCH' });
      case 'NAME_MISMATCH':
        return result('SETTLEMENT_ACCOUNT', 'FAIL', { detail: 'ACCOUNT_NAME_MISMATCH', field: 'settlement_account.account_name' });
      case 'UNKNOWN_ACCOUNT':
        return result('SETTLEMENT_ACCOUNT', 'FAIL', { detail: 'ACCOUNT_NOT_FOUND', field: 'settlement_account.account_number' });
      default:
        return result('SETTLEMENT_ACCOUNT', 'UNAVAILABLE', { detail: answer.detail });
    }
  }

  private async assessRisk(
    application: Application,
    principal: ReturnType<typeof principalOf>,
    result: (check: CheckName, outcome: CheckResult['result'], extra?: Partial<CheckResult>) => CheckResult,
  ): Promise<CheckResult> {
    const answer = await this.risk.assess({
      merchantId: application.merchantId,
      actorId: application.merchantId,
      clientIp: application.clientIp ?? '0.0.0.0',
      ...(principal.idType === 'RESIDENT_ID' && principal.idNumber ? { idNumber: principal.idNumber } : {}),
      ...(principal.phone ? { phone: principal.phone } : {}),
    });
    if (answer.decision === 'UNAVAILABLE') return result('RISK', 'UNAVAILABLE', { detail: answer.detail });
    return result('RISK', answer.decision === 'ALLOW' ? 'PASS' : 'FLAG', { detail: answer.decision, score: answer.score, decisionId: answer.decisionId });
  }
}

/** Whose data the checks disclose: the person the merchant record belongs to, so the disclosure shows in their export and ends with their hold. */
function disclosureSubject(application: Application): string {
  return application.createdBy ?? application.merchantId;
}
