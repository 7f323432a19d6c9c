import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface WebhookDelivery {
  eventId: string;
  status: string;
  applicationId: string;
  /** The `x-kyc-signature` v1 is the HMAC-SHA256 of `t.body` under the merchant's secret. */
  valid: boolean;
}

export interface WebhookReceiver {
  /** Every delivery so far, in arrival order. */
  readonly deliveries: WebhookDelivery[];
  start(): Promise<void>;
  /** Refuses connections until started again; what was received is kept. */
  stop(): Promise<void>;
}

/** A merchant's webhook endpoint on 127.0.0.1:`port` that answers 200 and records each delivery. */
export function webhookReceiver(port: number, secret: string): WebhookReceiver {
  const deliveries: WebhookDelivery[] = [];
  let server: Server | undefined;
  return {
    deliveries,
    start: () =>
      new Promise((resolve) => {
        server = createServer((request, response) => {
          const chunks: Buffer[] = [];
          request.on('data', (chunk: Buffer) => chunks.push(chunk));
          request.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const parts = Object.fromEntries(
              String(request.headers['x-kyc-signature'])
                .split(',')
                .map((part) => part.split('=', 2) as [string, string]),
            );
            const valid = parts['v1'] === createHmac('sha256', secret).update(`${parts['t']}.${body}`).digest('hex');
            const event = JSON.parse(body) as { event_id: string; status: string; application_id: string };
            deliveries.push({ eventId: event.event_id, status: event.status, applicationId: event.application_id, valid });
            response.writeHead(200).end();
          });
        });
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    stop: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
