import './merchant.errors.js';
import { Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { auditDelivery, DataAccessLog, OutboxDataAccessLog } from '#libs/audit';
import { DatabaseModule } from '#libs/db';
import { createLogger, LOGGER, type Logger } from '#libs/observability';
import { createPiiVault, PiiVault } from '#libs/pii';
import { loadRecipientRegistry, type AdapterDependencies } from '#libs/sharing';
import { DataSource } from 'typeorm';
import { ApplicationViews } from './applications/application-views.js';
import { ApplicationRepository } from './applications/application.repository.js';
import { CreateApplicationGrpcController } from './applications/create-application/create-application.grpc.controller.js';
import { CreateApplicationUseCase } from './applications/create-application/create-application.use-case.js';
import { CreateUpgradeGrpcController } from './applications/create-upgrade/create-upgrade.grpc.controller.js';
import { CreateUpgradeUseCase } from './applications/create-upgrade/create-upgrade.use-case.js';
import { DocumentReferences } from './applications/form/document-references.js';
import { GetApplicationGrpcController } from './applications/get-application/get-application.grpc.controller.js';
import { GetApplicationUseCase } from './applications/get-application/get-application.use-case.js';
import { ListApplicationsGrpcController } from './applications/list-applications/list-applications.grpc.controller.js';
import { ListApplicationsUseCase } from './applications/list-applications/list-applications.use-case.js';
import { SubmitApplicationGrpcController } from './applications/submit-application/submit-application.grpc.controller.js';
import { SubmitApplicationUseCase } from './applications/submit-application/submit-application.use-case.js';
import { UpdateApplicationGrpcController } from './applications/update-application/update-application.grpc.controller.js';
import { UpdateApplicationUseCase } from './applications/update-application/update-application.use-case.js';
import { RealNameChecker } from './checks/real-name-checker.js';
import { RiskAssessor } from './checks/risk-assessor.js';
import { RunSubmissionChecksUseCase, SUBMISSION_RETRY } from './checks/run-submission-checks/run-submission-checks.use-case.js';
import { SettlementAccountVerifier } from './checks/settlement-account-verifier.js';
import { CREDIT_CODE_PILOT_CODES, SubmissionChecks } from './checks/submission-checks.js';
import { SubmissionRetryScheduler } from './checks/submission-retry.scheduler.js';
import type { MerchantConfig } from './config/merchant.config.js';
import { DocumentRepository } from './documents/document.repository.js';
import { GetDocumentGrpcController } from './documents/get-document/get-document.grpc.controller.js';
import { GetDocumentUseCase } from './documents/get-document/get-document.use-case.js';
import { UploadDocumentGrpcController } from './documents/upload-document/upload-document.grpc.controller.js';
import { UploadDocumentUseCase } from './documents/upload-document/upload-document.use-case.js';
import { AccountVerifierAdapter, AuditedSettlementAccountVerifier } from './infrastructure/adapters/account-verifier.adapter.js';
import { IdentityRealNameChecker } from './infrastructure/adapters/identity-real-name.grpc-adapter.js';
import { AuditedWebhookSender, MerchantWebhookAdapter } from './infrastructure/adapters/merchant-webhook.adapter.js';
import { GrpcRiskAssessor } from './infrastructure/adapters/risk-assessor.grpc-adapter.js';
import { MerchantGrpcClients } from './infrastructure/grpc-clients.js';
import { AUDIT_DELIVERY, MerchantOutboxRelays, OUTBOX_SETTINGS } from './infrastructure/outbox/merchant-outbox-relays.js';
import { ApplicationPostgresRepository } from './infrastructure/persistence/application.postgres-repository.js';
import { DocumentPostgresRepository } from './infrastructure/persistence/document.postgres-repository.js';
import { merchantDataSourceSettings } from './infrastructure/persistence/merchant.data-source.js';
import { RetentionPostgresRepository } from './infrastructure/persistence/retention.postgres-repository.js';
import { SubjectDataPostgresRepository } from './infrastructure/persistence/subject-data.postgres-repository.js';
import { WebhookPostgresRepository } from './infrastructure/persistence/webhook.postgres-repository.js';
import { DecideReviewGrpcController } from './review/decide-review/decide-review.grpc.controller.js';
import { DecideReviewUseCase } from './review/decide-review/decide-review.use-case.js';
import { GetReviewApplicationGrpcController } from './review/get-review-application/get-review-application.grpc.controller.js';
import { GetReviewApplicationUseCase } from './review/get-review-application/get-review-application.use-case.js';
import { ListReviewQueueGrpcController } from './review/list-review-queue/list-review-queue.grpc.controller.js';
import { ListReviewQueueUseCase } from './review/list-review-queue/list-review-queue.use-case.js';
import { Clock } from './shared/clock.js';
import { ChangeMerchantStatusGrpcController } from './status/change-merchant-status/change-merchant-status.grpc.controller.js';
import { ChangeMerchantStatusUseCase } from './status/change-merchant-status/change-merchant-status.use-case.js';
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
import { GetWebhookGrpcController } from './webhooks/get-webhook/get-webhook.grpc.controller.js';
import { GetWebhookUseCase } from './webhooks/get-webhook/get-webhook.use-case.js';
import { ListDeadWebhooksGrpcController } from './webhooks/list-dead-webhooks/list-dead-webhooks.grpc.controller.js';
import { ListDeadWebhooksUseCase } from './webhooks/list-dead-webhooks/list-dead-webhooks.use-case.js';
import { ReplayDeadWebhookGrpcController } from './webhooks/replay-dead-webhook/replay-dead-webhook.grpc.controller.js';
import { ReplayDeadWebhookUseCase } from './webhooks/replay-dead-webhook/replay-dead-webhook.use-case.js';
import { SetWebhookGrpcController } from './webhooks/set-webhook/set-webhook.grpc.controller.js';
import { SetWebhookUseCase } from './webhooks/set-webhook/set-webhook.use-case.js';
import { WebhookDelivery } from './webhooks/webhook-delivery.js';
import { WEBHOOK_URL_OPTIONS } from './webhooks/webhook-options.js';
import { WebhookSender } from './webhooks/webhook-sender.js';
import { WebhookRepository } from './webhooks/webhook.repository.js';

/** Closes the outbound HTTP adapters' connection pools with the app. */
class OutboundAdapters implements OnApplicationShutdown {
  constructor(readonly closers: Array<{ close(): Promise<void> }>) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.closers.map((closer) => closer.close().catch(() => undefined)));
  }
}

function outbound(config: MerchantConfig, clients: MerchantGrpcClients, vault: PiiVault, logger: Logger, clock: Clock): Provider[] {
  // Loaded at boot: a bad registry stops the start, naming the problem.
  const deps: AdapterDependencies = {
    privacy: clients.privacy.client,
    registry: loadRecipientRegistry(config.RECIPIENTS_FILE, config.environment),
    requestedBy: 'merchant',
    logger,
  };
  const accounts = new AuditedSettlementAccountVerifier(new AccountVerifierAdapter(deps), vault, logger);
  const webhooks = new AuditedWebhookSender(new MerchantWebhookAdapter(deps), clock);
  return [
    { provide: RealNameChecker, useValue: new IdentityRealNameChecker(clients.identity.client, config.UPSTREAM_CALL_TIMEOUT_MS, logger) },
    { provide: RiskAssessor, useValue: new GrpcRiskAssessor(clients.risk.client, config.UPSTREAM_CALL_TIMEOUT_MS, logger) },
    { provide: SettlementAccountVerifier, useValue: accounts },
    { provide: WebhookSender, useValue: webhooks },
    { provide: AUDIT_DELIVERY, useValue: auditDelivery(clients.privacy.client, 'merchant') },
    { provide: OutboundAdapters, useValue: new OutboundAdapters([accounts, webhooks]) },
  ];
}

@Module({})
export class MerchantModule {
  static register(config: MerchantConfig): DynamicModule {
    const logger = createLogger({ app: 'merchant', level: config.LOG_LEVEL });
    const warn = (message: string): void => logger.warn(message);
    const vault = createPiiVault(config.piiKeys(warn));
    const clock = new Clock();
    const clients = new MerchantGrpcClients(config);
    const platform: Provider[] = [
      { provide: LOGGER, useValue: logger },
      { provide: PiiVault, useValue: vault },
      { provide: Clock, useValue: clock },
      { provide: MerchantGrpcClients, useValue: clients },
      {
        provide: SUBMISSION_RETRY,
        useValue: { baseMs: config.SUBMISSION_RETRY_BASE_MS, maxMs: config.SUBMISSION_RETRY_MAX_MS, pollIntervalMs: config.SUBMISSION_POLL_INTERVAL_MS },
      },
      {
        provide: OUTBOX_SETTINGS,
        useValue: {
          pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
          webhookRetry: { baseMs: config.WEBHOOK_RETRY_BASE_MS, factor: config.WEBHOOK_RETRY_FACTOR, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS },
        },
      },
      { provide: RetentionPolicy, useValue: RetentionPolicy.from(config) },
      { provide: WEBHOOK_URL_OPTIONS, useValue: { allowPrivateTargets: config.allowPrivateWebhookTargets, requireHttps: config.isProduction } },
      ...outbound(config, clients, vault, logger, clock),
    ];
    return {
      module: MerchantModule,
      imports: [DatabaseModule.forRoot(merchantDataSourceSettings(config))],
      controllers: [
        UploadDocumentGrpcController,
        GetDocumentGrpcController,
        CreateApplicationGrpcController,
        UpdateApplicationGrpcController,
        SubmitApplicationGrpcController,
        GetApplicationGrpcController,
        ListApplicationsGrpcController,
        CreateUpgradeGrpcController,
        SetWebhookGrpcController,
        GetWebhookGrpcController,
        ListReviewQueueGrpcController,
        GetReviewApplicationGrpcController,
        DecideReviewGrpcController,
        ChangeMerchantStatusGrpcController,
        ListDeadWebhooksGrpcController,
        ReplayDeadWebhookGrpcController,
        // SubjectDataService: data-subject rights and retention, called by the privacy service.
        ExportSubjectDataGrpcController,
        CorrectSubjectDataGrpcController,
        EraseSubjectDataGrpcController,
        RunRetentionGrpcController,
      ],
      providers: [
        ...platform,
        { provide: DocumentRepository, useClass: DocumentPostgresRepository },
        { provide: ApplicationRepository, useClass: ApplicationPostgresRepository },
        { provide: WebhookRepository, useClass: WebhookPostgresRepository },
        { provide: SubjectDataRepository, useClass: SubjectDataPostgresRepository },
        { provide: RetentionRepository, useClass: RetentionPostgresRepository },
        { provide: DataAccessLog, inject: [DataSource], useFactory: (dataSource: DataSource) => new OutboxDataAccessLog(dataSource, 'merchant') },
        ApplicationViews,
        DocumentReferences,
        { provide: CREDIT_CODE_PILOT_CODES, useValue: config.CREDIT_CODE_PILOT_CODES },
        SubmissionChecks,
        WebhookDelivery,
        MerchantOutboxRelays,
        SubmissionRetryScheduler,
        UploadDocumentUseCase,
        GetDocumentUseCase,
        CreateApplicationUseCase,
        UpdateApplicationUseCase,
        SubmitApplicationUseCase,
        RunSubmissionChecksUseCase,
        GetApplicationUseCase,
        ListApplicationsUseCase,
        CreateUpgradeUseCase,
        SetWebhookUseCase,
        GetWebhookUseCase,
        ListReviewQueueUseCase,
        GetReviewApplicationUseCase,
        DecideReviewUseCase,
        ChangeMerchantStatusUseCase,
        ListDeadWebhooksUseCase,
        ReplayDeadWebhookUseCase,
        ExportSubjectDataUseCase,
        CorrectSubjectDataUseCase,
        EraseSubjectDataUseCase,
        RunRetentionUseCase,
      ],
    };
  }
}
