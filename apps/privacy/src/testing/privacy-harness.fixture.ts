import { createDataSource, runMigrations } from '#libs/db';
import { createPiiVault, type PiiVault } from '#libs/pii';
import { loadRecipientRegistry, type RecipientRegistry } from '#libs/sharing';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { testDataSourceSettings } from '../../../../test/setup/schemas.js';
import { AppendAuditEntriesUseCase } from '../audit/append-audit-entries/append-audit-entries.use-case.js';
import { CheckpointSigner } from '../audit/checkpoint-signer.js';
import { CreateCheckpointUseCase } from '../audit/checkpoints/create-checkpoint.use-case.js';
import { AuditProofsUseCase } from '../audit/proofs/audit-proofs.use-case.js';
import { VerifyAuditLogUseCase } from '../audit/verify-audit-log/verify-audit-log.use-case.js';
import { GrantConsentUseCase } from '../consents/grant-consent/grant-consent.use-case.js';
import { WithdrawConsentUseCase } from '../consents/withdraw-consent/withdraw-consent.use-case.js';
import { AuthorizeDisclosureUseCase } from '../disclosures/authorize-disclosure/authorize-disclosure.use-case.js';
import { CompleteDisclosureUseCase } from '../disclosures/complete-disclosure/complete-disclosure.use-case.js';
import { AuditLogPostgresRepository } from '../infrastructure/persistence/audit-log.postgres-repository.js';
import { ConsentLedgerPostgresRepository } from '../infrastructure/persistence/consent-ledger.postgres-repository.js';
import { DisclosurePostgresRepository } from '../infrastructure/persistence/disclosure.postgres-repository.js';
import { privacyDataSource } from '../infrastructure/persistence/privacy.data-source.js';
import { loadPolicyCatalogue } from '../policies/policy-catalogue.js';
import { CreateDataRequestUseCase } from '../data-requests/create-data-request/create-data-request.use-case.js';
import { loadHolidayCalendar } from '../data-requests/due-date/load-holiday-calendar.js';
import { DataRequestProcessor } from '../data-requests/processing/data-request-processor.js';
import { DataSubjectDeliveryAdapter } from '../data-requests/processing/data-subject-delivery.adapter.js';
import type { DecisionExplainer } from '../data-requests/processing/decision-explainer.js';
import { LocalSubjectData } from '../data-requests/processing/local-subject-data.js';
import type { SubjectDataGateway } from '../data-requests/processing/subject-data.gateway.js';
import { ListConsentsUseCase } from '../consents/list-consents/list-consents.use-case.js';
import { ListDisclosuresUseCase } from '../disclosures/list-disclosures/list-disclosures.use-case.js';
import { DataRequestPostgresRepository } from '../infrastructure/persistence/data-request.postgres-repository.js';
import { SubjectHoldPostgresRepository } from '../infrastructure/persistence/subject-hold.postgres-repository.js';
import { RunRetentionUseCase } from '../retention/run-retention.use-case.js';
import { UnmaskSubjectUseCase } from '../unmask/unmask-subject.use-case.js';
import { createLogger } from '#libs/observability';
import type { DisclosureOutcome } from '../disclosures/disclosure.js';

const REPO = new URL('../../../../', import.meta.url).pathname;

export function testVault(): PiiVault {
  return createPiiVault({ encryptionKeys: { t1: randomBytes(32).toString('base64') }, currentKeyId: 't1', blindIndexKey: randomBytes(32).toString('base64') });
}

/** The privacy use cases wired to real PostgreSQL repositories, without the gRPC transport. */
export interface HarnessOptions {
  registry?: RecipientRegistry;
  /** The other services' SubjectDataService, usually an in-memory fake. */
  services?: SubjectDataGateway;
  explainer?: DecisionExplainer;
}

export async function privacyHarness(databaseUrl: string, registryOrOptions: RecipientRegistry | HarnessOptions = {}) {
  const options: HarnessOptions = 'recipients' in registryOrOptions ? { registry: registryOrOptions } : registryOrOptions;
  const registry = options.registry ?? loadRecipientRegistry(`${REPO}config/recipients.yaml`, {});
  const settings = testDataSourceSettings(databaseUrl, privacyDataSource);
  await runMigrations(createDataSource(settings), settings.schema);
  const dataSource: DataSource = await createDataSource({ ...settings, poolSize: 20 }).initialize();
  const vault = testVault();
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = new CheckpointSigner(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'test-key');
  const ledger = new ConsentLedgerPostgresRepository(dataSource, vault);
  const disclosures = new DisclosurePostgresRepository(dataSource, vault);
  const log = new AuditLogPostgresRepository(dataSource, vault);
  const policies = loadPolicyCatalogue(`${REPO}config/privacy-policies.yaml`);
  const authorize = new AuthorizeDisclosureUseCase(registry, disclosures);
  const complete = new CompleteDisclosureUseCase(disclosures);
  const grant = new GrantConsentUseCase(ledger, policies);
  const withdraw = new WithdrawConsentUseCase(ledger);
  const requests = new DataRequestPostgresRepository(dataSource, vault);
  const holds = new SubjectHoldPostgresRepository(dataSource);
  const logger = createLogger({ app: 'privacy-test', level: 'silent' });
  const local = new LocalSubjectData(new ListConsentsUseCase(ledger), withdraw, new ListDisclosuresUseCase(disclosures), holds, 5);
  const services = options.services ?? (undefined as unknown as SubjectDataGateway);
  const processor = new DataRequestProcessor(
    requests,
    services,
    local,
    options.explainer ?? (undefined as unknown as DecisionExplainer),
    (mailbox) =>
      new DataSubjectDeliveryAdapter(
        {
          privacy: {
            async authorizeDisclosure(request) {
              const disclosure = await authorize.execute(request);
              return { disclosureId: disclosure.id, legalBasis: disclosure.legalBasis, fields: disclosure.fields };
            },
            async completeDisclosure(request) {
              await complete.execute({ ...request, outcome: request.outcome as DisclosureOutcome });
              return {};
            },
          },
          registry,
          requestedBy: 'privacy',
          logger,
        },
        mailbox,
      ),
    0,
    logger,
  );
  return {
    dataSource,
    vault,
    policyVersion: policies.versions[0]!.version,
    grant,
    withdraw,
    authorize,
    complete,
    requests,
    createRequest: new CreateDataRequestUseCase(requests, loadHolidayCalendar(`${REPO}config/holidays/cn.yaml`), 15),
    processor,
    unmask: new UnmaskSubjectUseCase(services, local, log),
    retention: new RunRetentionUseCase(services, holds, log),
    append: new AppendAuditEntriesUseCase(log),
    checkpoint: new CreateCheckpointUseCase(log, signer),
    verify: new VerifyAuditLogUseCase(log, signer),
    proofs: new AuditProofsUseCase(log),
    log,
    close: () => dataSource.destroy(),
  };
}

export type PrivacyHarness = Awaited<ReturnType<typeof privacyHarness>>;
