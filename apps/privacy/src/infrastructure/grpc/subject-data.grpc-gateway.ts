import type { OnApplicationShutdown } from '@nestjs/common';
import type { SubjectDataServiceClient } from '#contracts/subject_data';
import { createGrpcClient, SUBJECT_DATA_SERVICE, type PromiseClient, type TlsMaterial } from '#libs/grpc';
import type { SubjectDataTarget } from '../../data-requests/data-request.js';
import { SubjectDataGateway, type HeldCategory } from '../../data-requests/processing/subject-data.gateway.js';

type Client = PromiseClient<SubjectDataServiceClient>;

const toHeld = (held: Array<{ category: string; holdUntil: string; legalBasis: string; records: number }>): HeldCategory[] =>
  held.map((item) => ({
    category: item.category,
    legalBasis: item.legalBasis,
    records: item.records,
    ...(item.holdUntil ? { holdUntil: item.holdUntil } : {}),
  }));

/** SubjectDataService of identity, merchant and risk over gRPC. Exports can be large: a long deadline. */
export class SubjectDataGrpcGateway extends SubjectDataGateway implements OnApplicationShutdown {
  private readonly clients: Record<SubjectDataTarget, Client>;
  private readonly closers: Array<() => void> = [];

  constructor(addresses: Record<SubjectDataTarget, string>, tls: TlsMaterial | undefined) {
    super();
    const client = (address: string): Client => {
      const handle = createGrpcClient<SubjectDataServiceClient>(SUBJECT_DATA_SERVICE, { address, tls, defaultTimeoutMs: 30_000 });
      this.closers.push(handle.close);
      return handle.client;
    };
    this.clients = { identity: client(addresses.identity), merchant: client(addresses.merchant), risk: client(addresses.risk) };
  }

  async export(target: SubjectDataTarget, subjectId: string, reason: 'SUBJECT_COPY' | 'STAFF_UNMASK'): Promise<{ data: unknown; held: HeldCategory[] }> {
    const response = await this.clients[target].exportSubjectData({ subjectId, reason });
    return { data: JSON.parse(response.dataJson || '{}') as unknown, held: toHeld(response.held) };
  }

  async correct(target: SubjectDataTarget, subjectId: string, field: string, value: string, requestId: string): Promise<number> {
    return (await this.clients[target].correctSubjectData({ subjectId, field, value, requestId })).updated;
  }

  async erase(
    target: SubjectDataTarget,
    subjectId: string,
    mode: 'DELETE' | 'CLOSE_ACCOUNT',
    requestId: string,
  ): Promise<{ deleted: number; anonymised: number; held: HeldCategory[] }> {
    const response = await this.clients[target].eraseSubjectData({ subjectId, mode, requestId });
    return { deleted: response.deleted, anonymised: response.anonymised, held: toHeld(response.held) };
  }

  async runRetention(target: SubjectDataTarget, asOf: Date): Promise<Record<string, number>> {
    return (await this.clients[target].runRetention({ asOf: asOf.toISOString() }, { timeoutMs: 300_000 })).counts;
  }

  onApplicationShutdown(): void {
    for (const close of this.closers) close();
  }
}
