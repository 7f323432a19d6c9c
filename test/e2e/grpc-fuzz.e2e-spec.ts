import { IDENTITY_SERVICE, MERCHANT_SERVICE, PRIVACY_SERVICE, RISK_SERVICE, SUBJECT_DATA_SERVICE } from '#libs/grpc';
import { describe, expect, inject, it } from 'vitest';
import { fuzzGrpcService, type GrpcTarget } from '../fuzz/grpc-fuzz.js';

describe('fuzzing every gRPC method directly', () => {
  it('answers malformed and nonsensical messages with a proper status, never INTERNAL or UNKNOWN', async () => {
    const ports = inject('grpcPorts');
    const targets: GrpcTarget[] = [
      { address: `127.0.0.1:${ports.identity}`, service: IDENTITY_SERVICE },
      { address: `127.0.0.1:${ports.merchant}`, service: MERCHANT_SERVICE },
      { address: `127.0.0.1:${ports.risk}`, service: RISK_SERVICE },
      { address: `127.0.0.1:${ports.privacy}`, service: PRIVACY_SERVICE },
      { address: `127.0.0.1:${ports.identity}`, service: SUBJECT_DATA_SERVICE },
      { address: `127.0.0.1:${ports.merchant}`, service: SUBJECT_DATA_SERVICE },
      { address: `127.0.0.1:${ports.risk}`, service: SUBJECT_DATA_SERVICE },
    ];
    const runs = Number(process.env['FUZZ_RUNS'] ?? 12);
    const reports = (await Promise.all(targets.map((target) => fuzzGrpcService(target, runs, undefined, { spareSharedState: true })))).flat();
    expect(reports.length).toBeGreaterThan(20);
    expect(reports.flatMap((report) => report.failures.map((failure) => `${report.method}: ${failure}`))).toEqual([]);
  }, 600_000);
});
