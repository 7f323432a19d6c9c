import '../merchant.errors.js';
import { createDataSource, runMigrations } from '#libs/db';
import { createLogger } from '#libs/observability';
import { createPiiVault, type PiiVault } from '#libs/pii';
import { loadRecipientRegistry, type DisclosureAuthority } from '#libs/sharing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { testDataSourceSettings } from '../../../../test/setup/schemas.js';
import { loadSandboxFixtures, type FixtureAccountJson, type SandboxPerson } from '../../../sandbox-verifiers/src/fixtures/index.js';
import { ApplicationViews } from '../applications/application-views.js';
import type { ApplicationForm } from '../applications/application.js';
import { CreateApplicationUseCase } from '../applications/create-application/create-application.use-case.js';
import { CreateUpgradeUseCase } from '../applications/create-upgrade/create-upgrade.use-case.js';
import { DocumentReferences } from '../applications/form/document-references.js';
import { SubmitApplicationUseCase } from '../applications/submit-application/submit-application.use-case.js';
import { UpdateApplicationUseCase } from '../applications/update-application/update-application.use-case.js';
import { RealNameChecker, type RealNameAnswer } from '../checks/real-name-checker.js';
import { RiskAssessor, type RiskAnswer } from '../checks/risk-assessor.js';
import { RunSubmissionChecksUseCase } from '../checks/run-submission-checks/run-submission-checks.use-case.js';
import { SettlementAccountVerifier, type AccountVerificationAnswer } from '../checks/settlement-account-verifier.js';
import { SubmissionChecks } from '../checks/submission-checks.js';
import { SubmissionRetryScheduler } from '../checks/submission-retry.scheduler.js';
import { UploadDocumentUseCase } from '../documents/upload-document/upload-document.use-case.js';
import { ApplicationPostgresRepository } from '../infrastructure/persistence/application.postgres-repository.js';
import { DocumentPostgresRepository } from '../infrastructure/persistence/document.postgres-repository.js';
import { merchantDataSource } from '../infrastructure/persistence/merchant.data-source.js';
import { WebhookPostgresRepository } from '../infrastructure/persistence/webhook.postgres-repository.js';
import { DecideReviewUseCase } from '../review/decide-review/decide-review.use-case.js';
import { Clock } from '../shared/clock.js';
import { RetentionPostgresRepository } from '../infrastructure/persistence/retention.postgres-repository.js';
import { SubjectDataPostgresRepository } from '../infrastructure/persistence/subject-data.postgres-repository.js';
import { ChangeMerchantStatusUseCase } from '../status/change-merchant-status/change-merchant-status.use-case.js';
import { CorrectSubjectDataUseCase } from '../subject-data/correct-subject-data/correct-subject-data.use-case.js';
import { EraseSubjectDataUseCase } from '../subject-data/erase-subject-data/erase-subject-data.use-case.js';
import { ExportSubjectDataUseCase } from '../subject-data/export-subject-data/export-subject-data.use-case.js';
import { RetentionPolicy } from '../subject-data/retention-policy.js';
import { RunRetentionUseCase } from '../subject-data/run-retention/run-retention.use-case.js';
import { ReplayDeadWebhookUseCase } from '../webhooks/replay-dead-webhook/replay-dead-webhook.use-case.js';
import { SetWebhookUseCase } from '../webhooks/set-webhook/set-webhook.use-case.js';

export const REPO = new URL('../../../../', import.meta.url).pathname;
export const fixtures = loadSandboxFixtures();
export const silentLogger = createLogger({ app: 'merchant-test', level: 'silent' });

/** A clock tests move by hand. */
export class ManualClock extends Clock {
  constructor(private at: number = Date.now()) {
    super();
  }

  override now(): Date {
    return new Date(this.at);
  }

  advance(ms: number): void {
    this.at += ms;
  }

  set(date: Date): void {
    this.at = date.getTime();
  }
}

/** Upstream fakes that answer as told and count what they were asked. */
export class FakeRealName extends RealNameChecker {
  calls: Array<{ subjectId: string; name: string; idNumber: string }> = [];
  answer: (request: { name: string; idNumber: string }) => RealNameAnswer = () => ({ result: 'MATCH', reasonCode: '', retryable: false });
  async check(request: { subjectId: string; name: string; idNumber: string }): Promise<RealNameAnswer> {
    this.calls.push(request);
    return this.answer(request);
  }
}

export class FakeAccounts extends SettlementAccountVerifier {
  calls = 0;
  answer: () => AccountVerificationAnswer = () => ({ result: 'MATCH', detail: '0' });
  async verify(): Promise<AccountVerificationAnswer> {
    this.calls++;
    return this.answer();
  }
}

export class FakeRisk extends RiskAssessor {
  calls = 0;
  answer: () => RiskAnswer = () => ({ decision: 'ALLOW', score: 5, decisionId: randomUUID() });
  async assess(): Promise<RiskAnswer> {
    this.calls++;
    return this.answer();
  }
}

/** A privacy service that authorises every registered transfer and remembers it. */
export function allowingPrivacy(): DisclosureAuthority & { authorized: unknown[]; completed: unknown[] } {
  const state = {
    authorized: [] as unknown[],
    completed: [] as unknown[],
    async authorizeDisclosure(request: { fields: string[] }) {
      state.authorized.push(request);
      return { disclosureId: randomUUID(), legalBasis: 'CONTRACT_NECESSITY', fields: request.fields };
    },
    async completeDisclosure(request: unknown) {
      state.completed.push(request);
      return {};
    },
  };
  return state;
}

export const registry = () => loadRecipientRegistry(`${REPO}config/recipients.yaml`, {});

export function testVault(): PiiVault {
  return createPiiVault({ encryptionKeys: { t1: randomBytes(32).toString('base64') }, currentKeyId: 't1', blindIndexKey: randomBytes(32).toString('base64') });
}

/** The merchant use cases wired to real PostgreSQL repositories and fake upstreams, without the gRPC transport. */
export async function merchantHarness(
  databaseUrl: string,
  options: { migrate?: boolean; retry?: { baseMs: number; maxMs: number }; pilotCodes?: string[] } = {},
) {
  const settings = testDataSourceSettings(databaseUrl, merchantDataSource);
  if (options.migrate) await runMigrations(createDataSource(settings), settings.schema);
  const dataSource: DataSource = await createDataSource({ ...settings, poolSize: 20 }).initialize();
  const vault = testVault();
  const clock = new ManualClock();
  const realName = new FakeRealName();
  const accounts = new FakeAccounts();
  const risk = new FakeRisk();
  const applications = new ApplicationPostgresRepository(dataSource, vault);
  const documents = new DocumentPostgresRepository(dataSource, vault);
  const webhooks = new WebhookPostgresRepository(dataSource, vault);
  const references = new DocumentReferences(documents);
  const retry = { baseMs: 1000, maxMs: 60_000, pollIntervalMs: 50, ...options.retry };
  // The production defaults of MerchantConfig: 5-year hold, 90-day drafts, 30 days of outbox and receipts.
  const retentionPolicy = new RetentionPolicy(5, 90, 30, 30);
  const subjectData = new SubjectDataPostgresRepository(dataSource, vault);
  const runChecks = new RunSubmissionChecksUseCase(
    applications,
    new SubmissionChecks(applications, realName, accounts, risk, options.pilotCodes),
    clock,
    retry,
    silentLogger,
  );
  const harness = {
    dataSource,
    vault,
    clock,
    realName,
    accounts,
    risk,
    applications,
    documents,
    webhooks,
    views: new ApplicationViews(applications),
    upload: new UploadDocumentUseCase(documents),
    create: new CreateApplicationUseCase(applications, references, clock),
    update: new UpdateApplicationUseCase(applications, references, clock),
    submit: new SubmitApplicationUseCase(applications, references, runChecks, clock, silentLogger),
    runChecks,
    scheduler: new SubmissionRetryScheduler(applications, runChecks, clock, retry, silentLogger),
    upgrade: new CreateUpgradeUseCase(applications, references, clock),
    decide: new DecideReviewUseCase(applications, clock),
    changeStatus: new ChangeMerchantStatusUseCase(applications, clock),
    setWebhook: new SetWebhookUseCase(webhooks, clock, { allowPrivateTargets: true, requireHttps: false }),
    replay: new ReplayDeadWebhookUseCase(webhooks, clock),
    retentionPolicy,
    exportSubject: new ExportSubjectDataUseCase(subjectData, retentionPolicy, silentLogger),
    correctSubject: new CorrectSubjectDataUseCase(subjectData, clock, silentLogger),
    eraseSubject: new EraseSubjectDataUseCase(subjectData, retentionPolicy, clock, silentLogger),
    runRetention: new RunRetentionUseCase(new RetentionPostgresRepository(dataSource, vault), retentionPolicy, clock, silentLogger),
    close: () => dataSource.destroy(),
  };
  return { ...harness, seed: seeding(harness) };
}

export type MerchantHarness = Awaited<ReturnType<typeof merchantHarness>>;

const JPEG = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(32)]);

/** Factories for applications that pass (or fail) the checks as the fakes answer. */
function seeding(harness: { upload: UploadDocumentUseCase; create: CreateApplicationUseCase; submit: SubmitApplicationUseCase }) {
  const document = async (merchantId: string, kind: 'ID_PHOTO_FRONT' | 'ID_PHOTO_BACK' | 'STORE_PHOTO' | 'BUSINESS_LICENSE', actorId = merchantId) =>
    (await harness.upload.execute({ merchantId, actorId, kind, content: JPEG() })).document.id;

  const individualForm = async (merchantId: string, person: SandboxPerson, account: FixtureAccountJson, actorId = merchantId): Promise<ApplicationForm> => ({
    owner: {
      name: person.name,
      id_number: person.idNumber,
      phone: person.phone,
      id_photo_front_document_id: await document(merchantId, 'ID_PHOTO_FRONT', actorId),
      id_photo_back_document_id: await document(merchantId, 'ID_PHOTO_BACK', actorId),
    },
    settlement_account: { bank_name: account.bank, account_name: account.givenName, account_number: account.number },
    store: { name: '小店', address: '北京市朝阳区建国路 88 号', photo_document_id: await document(merchantId, 'STORE_PHOTO', actorId) },
  });

  const enterpriseForm = async (
    merchantId: string,
    account: FixtureAccountJson,
    creditCode = account.company!.creditCode,
    representative?: SandboxPerson,
  ): Promise<ApplicationForm> => {
    const rep = representative ?? fixtures.person(account.company!.legalRepresentative);
    return {
      company: { name: account.givenName, address: '北京市海淀区中关村大街 1 号', business_scope: '软件开发' },
      business_license: { credit_code: creditCode, valid_until: 'LONG_TERM', photo_document_id: await document(merchantId, 'BUSINESS_LICENSE') },
      legal_representative: { name: rep.name, id_type: 'RESIDENT_ID', id_number: rep.idNumber, id_valid_until: 'LONG_TERM', phone: rep.phone },
      beneficial_owners: [
        {
          name: rep.name,
          address: '北京市海淀区学院路 30 号',
          id_type: 'RESIDENT_ID',
          id_number: rep.idNumber,
          id_valid_until: 'LONG_TERM',
          ownership_percent: 100,
        },
      ],
      settlement_account: { bank_name: account.bank, account_name: account.givenName, account_number: account.number },
    };
  };

  return {
    merchantId: () => `m-int-${randomUUID()}`,
    document,
    individualForm,
    enterpriseForm,
    /** A DRAFT individual application of a new merchant (or the given one). */
    /** `subjectId`: the token subject acting (creating, uploading); by default one named like the merchant. */
    async individual(
      person = fixtures.person('p19-happy-elderly'),
      account = fixtures.account('a07-p19-happy'),
      merchantId = `m-int-${randomUUID()}`,
      subjectId = merchantId,
    ) {
      const form = await individualForm(merchantId, person, account, subjectId);
      return (await harness.create.execute({ merchantId, actorId: subjectId, businessCode: randomUUID(), type: 'INDIVIDUAL', form })).application;
    },
    async enterprise(account = fixtures.account('e01-happy'), creditCode?: string, merchantId = `m-int-${randomUUID()}`) {
      const form = await enterpriseForm(merchantId, account, creditCode);
      return (await harness.create.execute({ merchantId, actorId: merchantId, businessCode: randomUUID(), type: 'ENTERPRISE', form })).application;
    },
    submit: (application: { id: string; merchantId: string; createdBy?: string }) =>
      harness.submit.execute({
        merchantId: application.merchantId,
        actorId: application.createdBy ?? application.merchantId,
        applicationId: application.id,
        clientIp: '203.0.113.7',
      }),
  };
}
