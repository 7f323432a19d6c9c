import { createDataSource, runMigrations } from '#libs/db';
import { createLogger } from '#libs/observability';
import { idNumberCheckChar, luhnCheckDigit, type PiiVault } from '#libs/pii';
import { loadRecipientRegistry, type DisclosureAuthority } from '#libs/sharing';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { privacyHarness, testVault } from '../../../privacy/src/testing/privacy-harness.fixture.js';
import { loadSandboxConfig } from '../../../sandbox-verifiers/src/config/sandbox.config.js';
import { startSandbox } from '../../../sandbox-verifiers/src/start-sandbox.js';
import { testDataSourceSettings } from '../../../../test/setup/schemas.js';
import { AdapterDependencyFactory, CardNetworkVerifier, FaceVendorVerifier, IdAuthorityVerifier } from '../infrastructure/adapters/upstream-verifiers.js';
import { AttemptLedgerPostgresRepository } from '../infrastructure/persistence/attempt-ledger.postgres-repository.js';
import { identityDataSource } from '../infrastructure/persistence/identity.data-source.js';
import { SessionPostgresRepository } from '../infrastructure/persistence/session.postgres-repository.js';
import { RetentionPostgresRepository } from '../infrastructure/persistence/retention.postgres-repository.js';
import { SubjectDataPostgresRepository } from '../infrastructure/persistence/subject-data.postgres-repository.js';
import { VerificationLevelPostgresRepository } from '../infrastructure/persistence/verification-level.postgres-repository.js';
import { CheckRealNameUseCase } from '../real-name/check-real-name/check-real-name.use-case.js';
import { RiskAssessor, type RiskDecision, type RiskQuery } from '../risk/risk-assessor.js';
import { CreateSessionUseCase } from '../sessions/create-session/create-session.use-case.js';
import { FactorPipeline } from '../sessions/factor-pipeline.js';
import { GetSessionUseCase } from '../sessions/get-session/get-session.use-case.js';
import { SessionPresenter } from '../sessions/session.presenter.js';
import { SubmitBankCardUseCase } from '../sessions/submit-bank-card/submit-bank-card.use-case.js';
import { SubmitIdentityUseCase } from '../sessions/submit-identity/submit-identity.use-case.js';
import { SubmitLivenessUseCase } from '../sessions/submit-liveness/submit-liveness.use-case.js';
import { VerificationPolicy } from '../sessions/verification-policy.js';
import { Clock } from '../shared/clock.js';
import { CorrectSubjectDataUseCase } from '../subject-data/correct-subject-data/correct-subject-data.use-case.js';
import { EraseSubjectDataUseCase } from '../subject-data/erase-subject-data/erase-subject-data.use-case.js';
import { ExportSubjectDataUseCase } from '../subject-data/export-subject-data/export-subject-data.use-case.js';
import { RetentionPolicy } from '../subject-data/retention-policy.js';
import { RunRetentionUseCase } from '../subject-data/run-retention/run-retention.use-case.js';
import { GetVerificationLevelUseCase } from '../verification-level/get-verification-level/get-verification-level.use-case.js';

const REPO = new URL('../../../../', import.meta.url).pathname;

export class TestClock extends Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Answers as told; `hold` makes the next assessment wait until released. */
export class ScriptedRisk extends RiskAssessor {
  decision: RiskDecision = { decision: 'NONE' };
  readonly queries: RiskQuery[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  async assess(query: RiskQuery): Promise<RiskDecision> {
    this.queries.push(query);
    await this.gate;
    return this.decision;
  }

  hold(): () => void {
    this.gate = new Promise((resolve) => (this.open = resolve));
    return () => {
      this.gate = undefined;
      this.open?.();
    };
  }
}

/** A valid (check character) ID number the sandbox authority has never heard of: its checks answer "no record". */
export function unknownIdNumber(): string {
  const first17 = `1101051985${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A Luhn-valid card number the sandbox card network does not know. */
export function unknownCardNumber(): string {
  const first18 = `621700${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first18 + luhnCheckDigit(first18);
}

/**
 * The identity use cases on real PostgreSQL repositories, the real privacy
 * use cases (consent, disclosures) and the real sandbox in process, with a
 * movable clock and scripted risk decisions. No gRPC.
 */
export async function identityHarness(
  databaseUrl: string,
  policy: VerificationPolicy = new VerificationPolicy(30, 18, { IDENTITY: 5, LIVENESS: 5, BANK_CARD: 5 }, 24, 2 * 1024 * 1024),
  retention: RetentionPolicy = new RetentionPolicy(5, 30, 24, 30),
) {
  const settings = testDataSourceSettings(databaseUrl, identityDataSource);
  await runMigrations(createDataSource(settings), settings.schema);
  const dataSource: DataSource = await createDataSource({ ...settings, poolSize: 20 }).initialize();
  const privacy = await privacyHarness(databaseUrl);
  const sandbox = await startSandbox(
    loadSandboxConfig({ SANDBOX_PORT: '0', SANDBOX_LATENCY_MS: '0', SANDBOX_RATE_LIMIT_PER_MINUTE: '0', SANDBOX_TIMEOUT_DELAY_MS: '20', LOG_LEVEL: 'silent' }),
  );
  const logger = createLogger({ app: 'identity-test', level: 'silent' });
  let privacyDown = false;
  const unavailable = (): never => {
    throw Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: { get: () => [] },
    });
  };
  const authority: DisclosureAuthority = {
    async authorizeDisclosure(request) {
      if (privacyDown) unavailable();
      const disclosure = await privacy.authorize.execute(request);
      return { disclosureId: disclosure.id, legalBasis: disclosure.legalBasis, fields: disclosure.fields };
    },
    async completeDisclosure(request) {
      await privacy.complete.execute({ ...request, outcome: request.outcome as 'DELIVERED' });
      return {};
    },
  };
  const vault: PiiVault = testVault();
  const registry = loadRecipientRegistry(`${REPO}config/recipients.yaml`, { SANDBOX_BASE_URL: sandbox.url });
  const factory = new AdapterDependencyFactory({ privacy: authority, registry, logger });
  const clock = new TestClock();
  const risk = new ScriptedRisk();
  const sessions = new SessionPostgresRepository(dataSource, vault);
  const attempts = new AttemptLedgerPostgresRepository(dataSource, vault);
  const levels = new VerificationLevelPostgresRepository(dataSource, vault);
  const idAuthority = new IdAuthorityVerifier(factory, vault);
  const faces = new FaceVendorVerifier(factory, vault);
  const cards = new CardNetworkVerifier(factory, vault);
  const pipeline = new FactorPipeline(sessions, attempts, risk, policy, clock, logger);
  const subjects = new SubjectDataPostgresRepository(dataSource, vault);

  const sandboxCalls = async (): Promise<number> => {
    const { counts } = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { counts: Record<string, number> };
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  };

  return {
    dataSource,
    privacy,
    vault,
    clock,
    risk,
    sandboxUrl: sandbox.url,
    sandboxCalls,
    setPrivacyDown: (down: boolean) => (privacyDown = down),
    present: new SessionPresenter(vault, clock),
    createSession: new CreateSessionUseCase(sessions, policy, clock),
    getSession: new GetSessionUseCase(sessions),
    submitIdentity: new SubmitIdentityUseCase(pipeline, idAuthority, levels, policy, clock),
    submitLiveness: new SubmitLivenessUseCase(pipeline, faces, policy),
    submitBankCard: new SubmitBankCardUseCase(pipeline, cards),
    level: new GetVerificationLevelUseCase(levels),
    checkRealName: new CheckRealNameUseCase(idAuthority, clock),
    exportSubjectData: new ExportSubjectDataUseCase(subjects, retention, clock, logger),
    correctSubjectData: new CorrectSubjectDataUseCase(),
    eraseSubjectData: new EraseSubjectDataUseCase(subjects, retention, clock, logger),
    runRetention: new RunRetentionUseCase(new RetentionPostgresRepository(dataSource), retention, clock, logger),
    grant: (subjectId: string, ...purposes: string[]) =>
      Promise.all(purposes.map((purpose) => privacy.grant.execute({ subjectId, purpose, policyVersion: privacy.policyVersion, channel: 'app' }))),
    async close() {
      await Promise.all([idAuthority, faces, cards].map((verifier) => verifier.onApplicationShutdown()));
      await sandbox.close();
      await privacy.close();
      await dataSource.destroy();
    },
  };
}

export type IdentityHarness = Awaited<ReturnType<typeof identityHarness>>;
