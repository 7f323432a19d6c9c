import {
  AuditedAdapter,
  createHttpTransport,
  TransportError,
  UpstreamUnavailableError,
  type AdapterDependencies,
  type HttpTransport,
  type Interpretation,
  type Recipient,
  type WireResponse,
} from '#libs/sharing';
import { PermanentDeliveryError } from '#libs/outbox';
import type { WebhookEvent } from '../../applications/application.repository.js';
import { Clock } from '../../shared/clock.js';
import { WebhookSender } from '../../webhooks/webhook-sender.js';
import { signatureHeaders } from '../../webhooks/webhook-signature.js';
import type { WebhookTarget } from '../../webhooks/webhook.repository.js';

/** Exactly the registry's fields for merchant-webhook / merchant_status_notification: no personal data. */
type WebhookPayload = {
  event_id: string;
  event_type: string;
  merchant_id: string;
  application_id: string;
  status: string;
  reasons: Record<string, unknown>[];
  occurred_at: string;
};

export interface WebhookReceipt {
  accepted: boolean;
  status: number;
}

/**
 * Status notices to a merchant's own receiver (recipient `merchant-webhook`,
 * a `dynamic` endpoint: the URL comes with each call). Goes through the
 * audited base like every transfer, so each delivery is authorised and
 * recorded by the privacy service.
 *
 * One HTTP request per attempt: the outbox relay owns the retry schedule
 * (exponential, 12 hours and more), and the base's shared circuit breaker
 * is bypassed because one merchant's broken receiver must not stop the
 * deliveries of every other merchant.
 */
export class MerchantWebhookAdapter extends AuditedAdapter<WebhookPayload, WebhookReceipt> {
  readonly recipientId = 'merchant-webhook';
  readonly purpose = 'merchant_status_notification' as const;
  private readonly wire: HttpTransport;

  constructor(deps: AdapterDependencies) {
    // Public CAs only: receivers are merchant-supplied URLs, and the registry refuses a ca_file on this dynamic endpoint.
    const wire = deps.transport ?? createHttpTransport();
    super({ ...deps, transport: wire });
    this.wire = wire;
  }

  protected interpret(response: WireResponse): Interpretation<WebhookReceipt> {
    const accepted = response.status >= 200 && response.status < 300;
    return {
      result: { accepted, status: response.status },
      outcome: accepted ? 'DELIVERED' : 'REJECTED_BY_RECIPIENT',
      billed: false,
      resultCode: `HTTP_${response.status}`,
    };
  }

  protected override async deliver(url: string, body: string, headers: Record<string, string>, recipient: Recipient): Promise<WireResponse> {
    try {
      return await this.wire.post({ url, body, headers, timeoutMs: recipient.endpoint.timeoutMs });
    } catch (error) {
      if (error instanceof TransportError) throw new UpstreamUnavailableError(error.timedOut ? 'TIMEOUT' : 'UNREACHABLE');
      throw error;
    }
  }
}

/** The WebhookSender port over the audited adapter: signs the exact body sent with the merchant's secret. */
export class AuditedWebhookSender extends WebhookSender {
  constructor(
    private readonly adapter: MerchantWebhookAdapter,
    private readonly clock: Clock,
  ) {
    super();
  }

  async deliver(event: WebhookEvent, target: WebhookTarget): Promise<void> {
    const receipt = await this.adapter.send(
      event.merchant_id,
      {
        event_id: event.event_id,
        event_type: event.event_type,
        merchant_id: event.merchant_id,
        application_id: event.application_id,
        status: event.status,
        reasons: event.reasons.map(({ field, reason }) => ({ field, reason })),
        occurred_at: event.occurred_at,
      },
      { url: target.url, headers: (body) => signatureHeaders(target.secret, body, event.event_id, this.clock.now()), references: { event_id: event.event_id } },
    );
    // 410 Gone: the receiver says the endpoint is gone for good. Dead-letter at once; an admin replays once it is back.
    if (receipt.status === 410) throw new PermanentDeliveryError('The receiver answered HTTP 410 Gone');
    if (!receipt.accepted) throw new Error(`The receiver answered HTTP ${receipt.status}`);
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}
