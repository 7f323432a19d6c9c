import { Gauge, type Registry } from 'prom-client';
import type { DataRequestRepository } from './data-request.repository.js';

const DAY_MS = 86_400_000;

/**
 * Open requests near or past their legal deadline, computed at scrape time:
 * `kyc_data_requests_overdue` must stay at zero; alert on it.
 */
export function registerDataRequestMetrics(registry: Registry, requests: DataRequestRepository, dueSoonDays = 3): Gauge[] {
  const overdue = new Gauge({
    name: 'kyc_data_requests_overdue',
    help: 'Open data-subject requests past their due date',
    registers: [registry],
    async collect() {
      this.set(await requests.countOpen(new Date()));
    },
  });
  const dueSoon = new Gauge({
    name: 'kyc_data_requests_due_soon',
    help: `Open data-subject requests due within ${dueSoonDays} days (including overdue ones)`,
    registers: [registry],
    async collect() {
      this.set(await requests.countOpen(new Date(Date.now() + dueSoonDays * DAY_MS)));
    },
  });
  return [overdue, dueSoon];
}
