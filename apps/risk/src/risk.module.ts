import './risk.errors.js';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataAccessLog, OutboxDataAccessLog } from '#libs/audit';
import { DatabaseModule } from '#libs/db';
import { createLogger, LOGGER, type Logger } from '#libs/observability';
import { createPiiVault, PiiVault } from '#libs/pii';
import { AssessmentLedger } from './assessment/assessment-ledger.js';
import { AssessGrpcController } from './assessment/assess/assess.grpc.controller.js';
import { AssessUseCase } from './assessment/assess/assess.use-case.js';
import { IpGeolocator } from './assessment/geo/ip-geolocator.js';
import { ReportOutcomeGrpcController } from './assessment/report-outcome/report-outcome.grpc.controller.js';
import { ReportOutcomeUseCase } from './assessment/report-outcome/report-outcome.use-case.js';
import type { RiskConfig } from './config/risk.config.js';
import { DecisionRepository } from './decisions/decision.repository.js';
import { ExplainDecisionGrpcController } from './decisions/explain-decision/explain-decision.grpc.controller.js';
import { ExplainDecisionUseCase } from './decisions/explain-decision/explain-decision.use-case.js';
import { GetDecisionGrpcController } from './decisions/get-decision/get-decision.grpc.controller.js';
import { GetDecisionUseCase } from './decisions/get-decision/get-decision.use-case.js';
import { LabelDecisionGrpcController } from './decisions/label-decision/label-decision.grpc.controller.js';
import { LabelDecisionUseCase } from './decisions/label-decision/label-decision.use-case.js';
import { ListDecisionsGrpcController } from './decisions/list-decisions/list-decisions.grpc.controller.js';
import { ListDecisionsUseCase } from './decisions/list-decisions/list-decisions.use-case.js';
import { AuditRelay } from './infrastructure/adapters/audit-relay.js';
import { GeoIpLocator } from './infrastructure/adapters/geoip-locator.js';
import { AUDIT_RELAY, BackgroundJobs, PARTITION_MAINTAINER, PARTITION_MAINTENANCE_MS } from './infrastructure/background-jobs.js';
import { DecisionPostgresRepository } from './infrastructure/persistence/decision.postgres-repository.js';
import { DecisionReviewPostgresRepository } from './infrastructure/persistence/decision-review.postgres-repository.js';
import { PostgresAssessmentLedger } from './infrastructure/persistence/ledger/postgres-assessment-ledger.js';
import { ListEntryPostgresRepository } from './infrastructure/persistence/list-entry.postgres-repository.js';
import { PartitionMaintainer } from './infrastructure/persistence/partition-maintainer.js';
import { createLedgerPool } from './infrastructure/persistence/ledger/ledger-pool.js';
import { RetentionPostgresRepository } from './infrastructure/persistence/retention.postgres-repository.js';
import { riskDataSourceSettings } from './infrastructure/persistence/risk.data-source.js';
import { RulesetPostgresRepository } from './infrastructure/persistence/ruleset.postgres-repository.js';
import { SubjectDataPostgresRepository } from './infrastructure/persistence/subject-data.postgres-repository.js';
import { AddListEntryGrpcController } from './lists/add-list-entry/add-list-entry.grpc.controller.js';
import { AddListEntryUseCase } from './lists/add-list-entry/add-list-entry.use-case.js';
import { ListEntriesGrpcController } from './lists/list-entries/list-entries.grpc.controller.js';
import { ListEntriesUseCase } from './lists/list-entries/list-entries.use-case.js';
import { ListEntryRepository } from './lists/list-entry.repository.js';
import { RemoveListEntryGrpcController } from './lists/remove-list-entry/remove-list-entry.grpc.controller.js';
import { RemoveListEntryUseCase } from './lists/remove-list-entry/remove-list-entry.use-case.js';
import { DecisionReviewRepository } from './reviews/decision-review.repository.js';
import { ListDecisionReviewsGrpcController } from './reviews/list-decision-reviews/list-decision-reviews.grpc.controller.js';
import { ListDecisionReviewsUseCase } from './reviews/list-decision-reviews/list-decision-reviews.use-case.js';
import { ResolveDecisionReviewGrpcController } from './reviews/resolve-decision-review/resolve-decision-review.grpc.controller.js';
import { ResolveDecisionReviewUseCase } from './reviews/resolve-decision-review/resolve-decision-review.use-case.js';
import { ActiveRulesets, RULESET_REFRESH_MS } from './rules/active-rulesets.js';
import { BacktestRulesetGrpcController } from './rules/backtest-ruleset/backtest-ruleset.grpc.controller.js';
import { BacktestRulesetUseCase } from './rules/backtest-ruleset/backtest-ruleset.use-case.js';
import { CreateRulesetGrpcController } from './rules/create-ruleset/create-ruleset.grpc.controller.js';
import { CreateRulesetUseCase } from './rules/create-ruleset/create-ruleset.use-case.js';
import { GetRulesetGrpcController } from './rules/get-ruleset/get-ruleset.grpc.controller.js';
import { GetRulesetUseCase } from './rules/get-ruleset/get-ruleset.use-case.js';
import { ListRulesetsGrpcController } from './rules/list-rulesets/list-rulesets.grpc.controller.js';
import { ListRulesetsUseCase } from './rules/list-rulesets/list-rulesets.use-case.js';
import { PublishRulesetGrpcController } from './rules/publish-ruleset/publish-ruleset.grpc.controller.js';
import { PublishRulesetUseCase } from './rules/publish-ruleset/publish-ruleset.use-case.js';
import { ShadowRulesetGrpcController } from './rules/shadow-ruleset/shadow-ruleset.grpc.controller.js';
import { ShadowRulesetUseCase } from './rules/shadow-ruleset/shadow-ruleset.use-case.js';
import { RulesetRepository } from './rules/ruleset.repository.js';
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

const CONTROLLERS: Type[] = [
  AssessGrpcController,
  ReportOutcomeGrpcController,
  ListDecisionsGrpcController,
  GetDecisionGrpcController,
  ExplainDecisionGrpcController,
  LabelDecisionGrpcController,
  ListDecisionReviewsGrpcController,
  ResolveDecisionReviewGrpcController,
  ListEntriesGrpcController,
  AddListEntryGrpcController,
  RemoveListEntryGrpcController,
  ListRulesetsGrpcController,
  GetRulesetGrpcController,
  CreateRulesetGrpcController,
  PublishRulesetGrpcController,
  ShadowRulesetGrpcController,
  BacktestRulesetGrpcController,
  // SubjectDataService (kyc.subject_data.v1), served beside RiskService for the privacy service.
  ExportSubjectDataGrpcController,
  CorrectSubjectDataGrpcController,
  EraseSubjectDataGrpcController,
  RunRetentionGrpcController,
];

const USE_CASES: Type[] = [
  AssessUseCase,
  ReportOutcomeUseCase,
  ListDecisionsUseCase,
  GetDecisionUseCase,
  ExplainDecisionUseCase,
  LabelDecisionUseCase,
  ListDecisionReviewsUseCase,
  ResolveDecisionReviewUseCase,
  ListEntriesUseCase,
  AddListEntryUseCase,
  RemoveListEntryUseCase,
  ListRulesetsUseCase,
  GetRulesetUseCase,
  CreateRulesetUseCase,
  PublishRulesetUseCase,
  ShadowRulesetUseCase,
  BacktestRulesetUseCase,
  ExportSubjectDataUseCase,
  CorrectSubjectDataUseCase,
  EraseSubjectDataUseCase,
  RunRetentionUseCase,
];

/** Wiring only: ports to adapters, config to the objects that need it. */
@Module({})
export class RiskModule {
  static register(config: RiskConfig): DynamicModule {
    const logger = createLogger({ app: 'risk' });
    logger.level = config.LOG_LEVEL;
    const providers: Provider[] = [
      { provide: LOGGER, useValue: logger },
      { provide: Clock, useClass: SystemClock },
      { provide: PiiVault, useFactory: () => createPiiVault(config.piiKeys((message) => logger.warn(message))) },
      { provide: IpGeolocator, useFactory: () => new GeoIpLocator({ ip2regionDb: config.RISK_IP2REGION_DB, geoLiteDir: config.RISK_GEOLITE2_DIR }) },
      { provide: RULESET_REFRESH_MS, useValue: config.RISK_RULESET_REFRESH_MS },
      { provide: RulesetRepository, useClass: RulesetPostgresRepository },
      { provide: ListEntryRepository, useClass: ListEntryPostgresRepository },
      { provide: DecisionRepository, useClass: DecisionPostgresRepository },
      { provide: DecisionReviewRepository, useClass: DecisionReviewPostgresRepository },
      { provide: SubjectDataRepository, useClass: SubjectDataPostgresRepository },
      { provide: RetentionRepository, useClass: RetentionPostgresRepository },
      { provide: RetentionPolicy, useValue: RetentionPolicy.from(config) },
      { provide: DataAccessLog, inject: [DataSource], useFactory: (dataSource: DataSource) => new OutboxDataAccessLog(dataSource, 'risk') },
      {
        provide: AssessmentLedger,
        inject: [LOGGER],
        useFactory: (log: Logger) =>
          new PostgresAssessmentLedger(
            createLedgerPool({
              url: config.DATABASE_URL,
              connections: config.RISK_BATCH_CONCURRENCY,
              statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
              connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
            }),
            { maxBatchSize: config.RISK_BATCH_MAX_SIZE, concurrency: config.RISK_BATCH_CONCURRENCY, scanLimit: config.RISK_VELOCITY_SCAN_LIMIT },
            log,
          ),
      },
      ActiveRulesets,
      ...USE_CASES,
      {
        provide: AUDIT_RELAY,
        inject: [DataSource, LOGGER],
        useFactory: (dataSource: DataSource, log: Logger) =>
          config.RISK_AUDIT_RELAY ? new AuditRelay(dataSource, config.PRIVACY_GRPC_URL, config.grpcTls, log) : undefined,
      },
      {
        provide: PARTITION_MAINTAINER,
        inject: [DataSource, LOGGER],
        useFactory: (dataSource: DataSource, log: Logger) => new PartitionMaintainer(dataSource, { eventRetentionDays: config.RISK_EVENT_RETENTION_DAYS }, log),
      },
      { provide: PARTITION_MAINTENANCE_MS, useValue: config.RISK_PARTITION_MAINTENANCE_MS },
      BackgroundJobs,
    ];
    return {
      module: RiskModule,
      imports: [DatabaseModule.forRoot(riskDataSourceSettings(config))],
      controllers: CONTROLLERS,
      providers,
    };
  }
}
