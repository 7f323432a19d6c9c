import { describe, expect, inject, it } from 'vitest';
import { runCampaign } from '../fuzz/fuzz-campaign.js';
import { api, tokenFor } from './support/api.js';

/**
 * A short fuzz campaign over every route of the OpenAPI document, in every
 * test run. `npm run fuzz -- --runs N` runs long ones (test/fuzz).
 */
describe('fuzzing every route', () => {
  it('never answers 5xx, hangs, or echoes planted personal data', async () => {
    const reports = await runCampaign({
      gatewayUrl: inject('gatewayUrl'),
      token: async (roles) => (await tokenFor(roles, { merchantId: `m-${Math.random().toString(36).slice(2, 10)}` })).token,
      runsPerOperation: Number(process.env['FUZZ_RUNS'] ?? 12),
      seed: Number(process.env['FUZZ_SEED'] ?? Date.now() % 100_000),
      spareSharedState: true,
    });
    expect(reports.length).toBeGreaterThan(5);
    const failures = reports.flatMap((report) => report.failures.map((failure) => `${report.operation}: ${failure.reason} — ${failure.request}`));
    expect(failures).toEqual([]);
    await expect(api('GET', '/readyz')).resolves.toMatchObject({ status: 200 });
  }, 600_000);
});
