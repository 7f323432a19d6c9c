import type { Logger } from '#libs/observability';
import { PiiVault } from '#libs/pii';
import { AuditedAdapter, UpstreamUnavailableError, type Interpretation, type WireResponse } from '#libs/sharing';
import { DomainError } from '#libs/errors';
import { SettlementAccountVerifier, type AccountVerificationAnswer } from '../../checks/settlement-account-verifier.js';

type AccountPayload = { account_number: string; account_name: string };

interface AccountEnvelope {
  Response?: { Result?: unknown; Error?: { Code?: unknown } };
}

/**
 * The settlement-account check (recipient `account-verifier`, purpose
 * `merchant_onboarding`, a legal obligation of merchant due diligence): is
 * this account held under this name? "0" match, "-1" another name, "-9" no
 * such account; the first two are billed.
 */
export class AccountVerifierAdapter extends AuditedAdapter<AccountPayload, AccountVerificationAnswer> {
  readonly recipientId = 'account-verifier';
  readonly purpose = 'merchant_onboarding' as const;

  protected interpret(response: WireResponse): Interpretation<AccountVerificationAnswer> {
    const result = (response.body as AccountEnvelope | undefined)?.Response?.Result;
    if (response.status !== 200 || typeof result !== 'string') {
      const code = (response.body as AccountEnvelope | undefined)?.Response?.Error?.Code;
      return {
        result: { result: 'UNAVAILABLE', detail: typeof code === 'string' ? code : `HTTP_${response.status}` },
        outcome: 'FAILED',
        billed: false,
        resultCode: `HTTP_${response.status}`,
      };
    }
    switch (result) {
      case '0':
        return { result: { result: 'MATCH', detail: result }, outcome: 'DELIVERED', billed: true, resultCode: result };
      case '-1':
        return { result: { result: 'NAME_MISMATCH', detail: result }, outcome: 'DELIVERED', billed: true, resultCode: result };
      case '-9':
        return { result: { result: 'UNKNOWN_ACCOUNT', detail: result }, outcome: 'DELIVERED', billed: false, resultCode: result };
      default:
        return { result: { result: 'UNAVAILABLE', detail: 'UNKNOWN_RESULT' }, outcome: 'FAILED', billed: false, resultCode: result.slice(0, 16) };
    }
  }
}

/** The port over the adapter: the disclosure is referenced by blind index and masked number only; outages answer UNAVAILABLE. */
export class AuditedSettlementAccountVerifier extends SettlementAccountVerifier {
  constructor(
    private readonly adapter: AccountVerifierAdapter,
    private readonly vault: PiiVault,
    private readonly logger: Logger,
  ) {
    super();
  }

  async verify(request: { subjectId: string; accountName: string; accountNumber: string }): Promise<AccountVerificationAnswer> {
    try {
      return await this.adapter.send(
        request.subjectId,
        { account_number: request.accountNumber, account_name: request.accountName },
        {
          references: {
            account_number_bidx: this.vault.blindIndex('bank_card', request.accountNumber),
            account_number_masked: this.vault.mask('bank_card', request.accountNumber),
          },
        },
      );
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) return { result: 'UNAVAILABLE', detail: error.reason };
      const code = DomainError.is(error) ? error.code : 'ADAPTER_ERROR';
      // Privacy away or a refusal: nothing was sent. Retried later rather than held against the merchant.
      this.logger.warn({ code }, 'Settlement-account check not sent');
      return { result: 'UNAVAILABLE', detail: code };
    }
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}
