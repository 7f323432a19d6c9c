import type { AppName } from '../../scripts/stack/app-specs.js';

/** Test-only knobs: a fast sandbox, and limits high enough for parallel specs. */
export const E2E_EXTRA_ENV: Partial<Record<AppName, Record<string, string>>> = {
  'sandbox-verifiers': { SANDBOX_LATENCY_MS: '0', SANDBOX_TIMEOUT_DELAY_MS: '15000' },
  gateway: { RATE_LIMIT_PER_MINUTE: '100000' },
  // Retries and webhook backoff in seconds instead of minutes; the production schedule is proven in merchant's integration tests.
  merchant: {
    SUBMISSION_RETRY_BASE_MS: '300',
    SUBMISSION_POLL_INTERVAL_MS: '200',
    WEBHOOK_RETRY_BASE_MS: '300',
    WEBHOOK_RETRY_FACTOR: '1.5',
    WEBHOOK_MAX_ATTEMPTS: '6',
  },
};
