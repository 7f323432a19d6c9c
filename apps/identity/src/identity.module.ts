import './identity.errors.js';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DatabaseModule } from '#libs/db';
import { createLogger, LOGGER } from '#libs/observability';
import { createPiiVault, PiiVault } from '#libs/pii';
import { loadRecipientRegistry } from '#libs/sharing';
import type { IdentityConfig } from './config/identity.config.js';
import { CardNetworkVerifier, FaceVendorVerifier, IdAuthorityVerifier, AdapterDependencyFactory } from './infrastructure/adapters/upstream-verifiers.js';
import { GrpcRiskAssessor, RISK_CLIENT, RiskSettings } from './infrastructure/adapters/grpc-risk-assessor.js';
import { IdentityGrpcClients } from './infrastructure/grpc-clients.js';
import { IdentityOutbox } from './infrastructure/outbox/identity-outbox.js';
import { AttemptLedgerPostgresRepository } from './infrastructure/persistence/attempt-ledger.postgres-repository.js';
import { identityDataSourceSettings } from './infrastructure/persistence/identity.data-source.js';
import { RetentionPostgresRepository } from './infrastructure/persistence/retention.postgres-repository.js';
import { SessionPostgresRepository } from './infrastructure/persistence/session.postgres-repository.js';
import { SubjectDataPostgresRepository } from './infrastructure/persistence/subject-data.postgres-repository.js';
import { VerificationLevelPostgresRepository } from './infrastructure/persistence/verification-level.postgres-repository.js';
import { CheckRealNameGrpcController } from './real-name/check-real-name/check-real-name.grpc.controller.js';
import { CheckRealNameUseCase } from './real-name/check-real-name/check-real-name.use-case.js';
import { RiskAssessor } from './risk/risk-assessor.js';
import { AttemptLedger } from './sessions/attempt-ledger.js';
import { CreateSessionGrpcController } from './sessions/create-session/create-session.grpc.controller.js';
import { CreateSessionUseCase } from './sessions/create-session/create-session.use-case.js';
import { FactorPipeline } from './sessions/factor-pipeline.js';
import { GetSessionGrpcController } from './sessions/get-session/get-session.grpc.controller.js';
import { GetSessionUseCase } from './sessions/get-session/get-session.use-case.js';
import { SessionPresenter } from './sessions/session.presenter.js';
import { SessionRepository } from './sessions/session.repository.js';
import { SubmitBankCardGrpcController } from './sessions/submit-bank-card/submit-bank-card.grpc.controller.js';
import { SubmitBankCardUseCase } from './sessions/submit-bank-card/submit-bank-card.use-case.js';
import { SubmitIdentityGrpcController } from './sessions/submit-identity/submit-identity.grpc.controller.js';
import { SubmitIdentityUseCase } from './sessions/submit-identity/submit-identity.use-case.js';
import { SubmitLivenessGrpcController } from './sessions/submit-liveness/submit-liveness.grpc.controller.js';
import { SubmitLivenessUseCase } from './sessions/submit-liveness/submit-liveness.use-case.js';
import { VerificationPolicy } from './sessions/verification-policy.js';
import { Clock, SystemClock } from './shared/clock.js';
import { CorrectSubjectDataGrpcController } from './subject-data/correct-subject-data/correct-subject-data.grpc.controller.js';
import { CorrectSubjectDataUseCase } from './subject-data/correct-subject-data/correct-subject-data.use-case.js';
import { EraseSubjectDataGrpcController } from './subject-data/erase-subject-data/erase-subject-data.grpc.controller.js';
import { EraseSubjectDataUseCase } from './subject-data/erase-subject-data/erase-subject-data.use-case.js';
import { ExportSubjectDataGrpcController } from './subject-data/export-subject-data/export-subject-data.grpc.controller.js';
import { ExportSubjectDataUseCase } from './subject-data/export-subject-data/export-subject-data.use-case.js';
import { RetentionRepository } from './subject-data/retention.repository.js';
import { RetentionPolicy } from './subject-data/retention-policy.js';
import { RunRetentionGrpcController } from './subject-data/run-retention/run-retention.grpc.controller.js';
import { RunRetentionUseCase } from './subject-data/run-retention/run-retention.use-case.js';
import { SubjectDataRepository } from './subject-data/subject-data.repository.js';
import { CardVerifier, FaceVerifier, IdAuthority } from './verification/verifiers.js';
import { GetVerificationLevelGrpcController } from './verification-level/get-verification-level/get-verification-level.grpc.controller.js';
import { GetVerificationLevelUseCase } from './verification-level/get-verification-level/get-verification-level.use-case.js';
import { VerificationLevelRepository } from './verification-level/verification-level.repository.js';

@Module({})
export class IdentityModule {
  static register(config: IdentityConfig): DynamicModule {
    const logger = createLogger({ app: 'identity', level: config.LOG_LEVEL });
    const warn = (message: string): void => logger.warn(message);
    const vault = createPiiVault(config.piiKeys(warn));
    const clients = new IdentityGrpcClients(config);
    // Loaded at boot: a bad registry stops the start, naming the problem.
    const registry = loadRecipientRegistry(config.RECIPIENTS_FILE, config.environment);
    const platform: Provider[] = [
      { provide: LOGGER, useValue: logger },
      { provide: PiiVault, useValue: vault },
      { provide: Clock, useClass: SystemClock },
      { provide: VerificationPolicy, useValue: VerificationPolicy.from(config) },
      { provide: RetentionPolicy, useValue: RetentionPolicy.from(config) },
      { provide: IdentityGrpcClients, useValue: clients },
      { provide: RISK_CLIENT, useValue: clients.risk.client },
      { provide: RiskSettings, useValue: new RiskSettings(config.RISK_ASSESSMENT_ENABLED, config.RISK_FAIL_OPEN, config.RISK_TIMEOUT_MS) },
      { provide: AdapterDependencyFactory, useValue: new AdapterDependencyFactory({ privacy: clients.privacy.client, registry, logger }) },
    ];
    return {
      module: IdentityModule,
      imports: [DatabaseModule.forRoot(identityDataSourceSettings(config))],
      controllers: [
        GetVerificationLevelGrpcController,
        CreateSessionGrpcController,
        GetSessionGrpcController,
        SubmitIdentityGrpcController,
        SubmitLivenessGrpcController,
        SubmitBankCardGrpcController,
        CheckRealNameGrpcController,
        // SubjectDataService (kyc.subject_data.v1), served beside IdentityService for the privacy service.
        ExportSubjectDataGrpcController,
        CorrectSubjectDataGrpcController,
        EraseSubjectDataGrpcController,
        RunRetentionGrpcController,
      ],
      providers: [
        ...platform,
        { provide: SessionRepository, useClass: SessionPostgresRepository },
        { provide: AttemptLedger, useClass: AttemptLedgerPostgresRepository },
        { provide: VerificationLevelRepository, useClass: VerificationLevelPostgresRepository },
        { provide: SubjectDataRepository, useClass: SubjectDataPostgresRepository },
        { provide: RetentionRepository, useClass: RetentionPostgresRepository },
        { provide: IdAuthority, useClass: IdAuthorityVerifier },
        { provide: FaceVerifier, useClass: FaceVendorVerifier },
        { provide: CardVerifier, useClass: CardNetworkVerifier },
        { provide: RiskAssessor, useClass: GrpcRiskAssessor },
        IdentityOutbox,
        SessionPresenter,
        FactorPipeline,
        GetVerificationLevelUseCase,
        CreateSessionUseCase,
        GetSessionUseCase,
        SubmitIdentityUseCase,
        SubmitLivenessUseCase,
        SubmitBankCardUseCase,
        CheckRealNameUseCase,
        ExportSubjectDataUseCase,
        CorrectSubjectDataUseCase,
        EraseSubjectDataUseCase,
        RunRetentionUseCase,
      ],
    };
  }
}
