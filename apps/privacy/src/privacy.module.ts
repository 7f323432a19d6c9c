import './privacy.errors.js';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DatabaseModule } from '#libs/db';
import type { GrpcAppPlatform } from '#libs/grpc';
import { LOGGER } from '#libs/observability';
import { createPiiVault, PiiVault } from '#libs/pii';
import { loadRecipientRegistry, type DisclosureAuthority, type RecipientRegistry } from '#libs/sharing';
import { Registry } from 'prom-client';
import { AppendAuditEntriesGrpcController } from './audit/append-audit-entries/append-audit-entries.grpc.controller.js';
import { AppendAuditEntriesUseCase } from './audit/append-audit-entries/append-audit-entries.use-case.js';
import { AuditLogRepository } from './audit/audit-log.repository.js';
import { CheckpointSigner } from './audit/checkpoint-signer.js';
import { CHECKPOINT_INTERVAL_MS, CheckpointScheduler } from './audit/checkpoints/checkpoint-scheduler.js';
import { CheckpointsGrpcController } from './audit/checkpoints/checkpoints.grpc.controller.js';
import { CreateCheckpointUseCase } from './audit/checkpoints/create-checkpoint.use-case.js';
import { ListAuditEntriesGrpcController } from './audit/list-audit-entries/list-audit-entries.grpc.controller.js';
import { ListAuditEntriesUseCase } from './audit/list-audit-entries/list-audit-entries.use-case.js';
import { AuditProofsUseCase } from './audit/proofs/audit-proofs.use-case.js';
import { ProofsGrpcController } from './audit/proofs/proofs.grpc.controller.js';
import { VerifyAuditLogGrpcController } from './audit/verify-audit-log/verify-audit-log.grpc.controller.js';
import { VerifyAuditLogUseCase } from './audit/verify-audit-log/verify-audit-log.use-case.js';
import type { PrivacyConfig } from './config/privacy.config.js';
import { ConsentLedgerRepository } from './consents/consent-ledger.repository.js';
import { GrantConsentGrpcController } from './consents/grant-consent/grant-consent.grpc.controller.js';
import { GrantConsentUseCase } from './consents/grant-consent/grant-consent.use-case.js';
import { ListConsentsGrpcController } from './consents/list-consents/list-consents.grpc.controller.js';
import { ListConsentsUseCase } from './consents/list-consents/list-consents.use-case.js';
import { WithdrawConsentGrpcController } from './consents/withdraw-consent/withdraw-consent.grpc.controller.js';
import { WithdrawConsentUseCase } from './consents/withdraw-consent/withdraw-consent.use-case.js';
import { CreateDataRequestGrpcController } from './data-requests/create-data-request/create-data-request.grpc.controller.js';
import { CreateDataRequestUseCase, DUE_WORKING_DAYS, WORKING_DAY_CALENDAR } from './data-requests/create-data-request/create-data-request.use-case.js';
import { registerDataRequestMetrics } from './data-requests/data-request.metrics.js';
import { DataRequestRepository } from './data-requests/data-request.repository.js';
import { loadHolidayCalendar } from './data-requests/due-date/load-holiday-calendar.js';
import { GetDataRequestGrpcController } from './data-requests/get-data-request/get-data-request.grpc.controller.js';
import { ListDataRequestsGrpcController } from './data-requests/list-data-requests/list-data-requests.grpc.controller.js';
import {
  DataRequestProcessor,
  DELIVERY_ADAPTER_FACTORY,
  PROCESSOR_POLL_MS,
  type DeliveryAdapterFactory,
} from './data-requests/processing/data-request-processor.js';
import { DataSubjectDeliveryAdapter } from './data-requests/processing/data-subject-delivery.adapter.js';
import { DecisionExplainer } from './data-requests/processing/decision-explainer.js';
import { LEGAL_HOLD_YEARS, LocalSubjectData } from './data-requests/processing/local-subject-data.js';
import { SubjectDataGateway } from './data-requests/processing/subject-data.gateway.js';
import { AuthorizeDisclosureGrpcController } from './disclosures/authorize-disclosure/authorize-disclosure.grpc.controller.js';
import { AuthorizeDisclosureUseCase } from './disclosures/authorize-disclosure/authorize-disclosure.use-case.js';
import { BillingReportGrpcController } from './disclosures/billing-report/billing-report.grpc.controller.js';
import { BillingReportUseCase } from './disclosures/billing-report/billing-report.use-case.js';
import { CompleteDisclosureGrpcController } from './disclosures/complete-disclosure/complete-disclosure.grpc.controller.js';
import { CompleteDisclosureUseCase } from './disclosures/complete-disclosure/complete-disclosure.use-case.js';
import { DISCLOSURE_STALE_AFTER_MS, StaleDisclosureSweeper } from './disclosures/complete-disclosure/stale-disclosure-sweeper.js';
import type { DisclosureOutcome } from './disclosures/disclosure.js';
import { DisclosureRepository } from './disclosures/disclosure.repository.js';
import { ListDisclosuresGrpcController } from './disclosures/list-disclosures/list-disclosures.grpc.controller.js';
import { ListDisclosuresUseCase } from './disclosures/list-disclosures/list-disclosures.use-case.js';
import { ListRecipientsGrpcController } from './disclosures/list-recipients/list-recipients.grpc.controller.js';
import { RiskDecisionExplainer } from './infrastructure/grpc/risk-decision-explainer.js';
import { SubjectDataGrpcGateway } from './infrastructure/grpc/subject-data.grpc-gateway.js';
import { AuditLogPostgresRepository } from './infrastructure/persistence/audit-log.postgres-repository.js';
import { ConsentLedgerPostgresRepository } from './infrastructure/persistence/consent-ledger.postgres-repository.js';
import { DataRequestPostgresRepository } from './infrastructure/persistence/data-request.postgres-repository.js';
import { DisclosurePostgresRepository } from './infrastructure/persistence/disclosure.postgres-repository.js';
import { privacyDataSourceSettings } from './infrastructure/persistence/privacy.data-source.js';
import { SubjectHoldPostgresRepository } from './infrastructure/persistence/subject-hold.postgres-repository.js';
import { loadPolicyCatalogue, PolicyCatalogue } from './policies/policy-catalogue.js';
import { RECIPIENT_REGISTRY } from './registry/registry.tokens.js';
import { RetentionScheduler, RETENTION_INTERVAL_MS } from './retention/retention-scheduler.js';
import { ALLOW_RETENTION_AS_OF, RunRetentionGrpcController } from './retention/run-retention.grpc.controller.js';
import { RunRetentionUseCase } from './retention/run-retention.use-case.js';
import { SubjectHoldRepository } from './retention/subject-hold.repository.js';
import { UnmaskSubjectGrpcController } from './unmask/unmask-subject.grpc.controller.js';
import { UnmaskSubjectUseCase } from './unmask/unmask-subject.use-case.js';

@Module({})
export class PrivacyModule {
  static register(config: PrivacyConfig, platform: GrpcAppPlatform): DynamicModule {
    const { logger, metrics } = platform;
    const warn = (message: string): void => logger.warn(message);
    const signingKey = config.auditSigningKey(warn);
    // Loaded here, at boot: a bad registry, policy or holiday file stops the start, naming the problem.
    const settings: Provider[] = [
      { provide: LOGGER, useValue: logger },
      { provide: Registry, useValue: metrics },
      { provide: PiiVault, useValue: createPiiVault(config.piiKeys(warn)) },
      { provide: RECIPIENT_REGISTRY, useValue: loadRecipientRegistry(config.RECIPIENTS_FILE, config.environment) },
      { provide: PolicyCatalogue, useValue: loadPolicyCatalogue(config.PRIVACY_POLICIES_FILE) },
      { provide: WORKING_DAY_CALENDAR, useValue: loadHolidayCalendar(config.HOLIDAY_CALENDAR_FILE, warn) },
      { provide: CheckpointSigner, useValue: new CheckpointSigner(signingKey.pem, signingKey.keyId) },
      { provide: CHECKPOINT_INTERVAL_MS, useValue: config.AUDIT_CHECKPOINT_INTERVAL_MS },
      { provide: DUE_WORKING_DAYS, useValue: config.DATA_REQUEST_DUE_WORKING_DAYS },
      { provide: PROCESSOR_POLL_MS, useValue: config.DATA_REQUEST_POLL_MS },
      { provide: LEGAL_HOLD_YEARS, useValue: config.LEGAL_HOLD_YEARS },
      { provide: RETENTION_INTERVAL_MS, useValue: config.RETENTION_INTERVAL_MS },
      { provide: DISCLOSURE_STALE_AFTER_MS, useValue: config.DISCLOSURE_STALE_AFTER_MS },
      { provide: ALLOW_RETENTION_AS_OF, useValue: !config.isProduction },
    ];
    const outbound: Provider[] = [
      {
        provide: SubjectDataGateway,
        useFactory: () =>
          new SubjectDataGrpcGateway({ identity: config.IDENTITY_GRPC_URL, merchant: config.MERCHANT_GRPC_URL, risk: config.RISK_GRPC_URL }, config.grpcTls),
      },
      { provide: DecisionExplainer, useFactory: () => new RiskDecisionExplainer(config.RISK_GRPC_URL, config.grpcTls) },
      {
        // The subject's copy leaves through the audited adapter; here the authority is this very service.
        provide: DELIVERY_ADAPTER_FACTORY,
        inject: [AuthorizeDisclosureUseCase, CompleteDisclosureUseCase, RECIPIENT_REGISTRY],
        useFactory: (authorize: AuthorizeDisclosureUseCase, complete: CompleteDisclosureUseCase, registry: RecipientRegistry): DeliveryAdapterFactory => {
          const privacy: DisclosureAuthority = {
            async authorizeDisclosure(request) {
              const disclosure = await authorize.execute(request);
              return { disclosureId: disclosure.id, legalBasis: disclosure.legalBasis, fields: disclosure.fields };
            },
            async completeDisclosure(request) {
              await complete.execute({ ...request, outcome: request.outcome as DisclosureOutcome });
              return {};
            },
          };
          return (mailbox) => new DataSubjectDeliveryAdapter({ privacy, registry, requestedBy: 'privacy', logger }, mailbox);
        },
      },
    ];
    return {
      module: PrivacyModule,
      imports: [DatabaseModule.forRoot(privacyDataSourceSettings(config))],
      controllers: [
        GrantConsentGrpcController,
        WithdrawConsentGrpcController,
        ListConsentsGrpcController,
        AuthorizeDisclosureGrpcController,
        CompleteDisclosureGrpcController,
        ListDisclosuresGrpcController,
        BillingReportGrpcController,
        ListRecipientsGrpcController,
        AppendAuditEntriesGrpcController,
        ListAuditEntriesGrpcController,
        VerifyAuditLogGrpcController,
        CheckpointsGrpcController,
        ProofsGrpcController,
        CreateDataRequestGrpcController,
        GetDataRequestGrpcController,
        ListDataRequestsGrpcController,
        UnmaskSubjectGrpcController,
        RunRetentionGrpcController,
      ],
      providers: [
        ...settings,
        ...outbound,
        { provide: ConsentLedgerRepository, useClass: ConsentLedgerPostgresRepository },
        { provide: DisclosureRepository, useClass: DisclosurePostgresRepository },
        { provide: AuditLogRepository, useClass: AuditLogPostgresRepository },
        { provide: DataRequestRepository, useClass: DataRequestPostgresRepository },
        { provide: SubjectHoldRepository, useClass: SubjectHoldPostgresRepository },
        GrantConsentUseCase,
        WithdrawConsentUseCase,
        ListConsentsUseCase,
        AuthorizeDisclosureUseCase,
        CompleteDisclosureUseCase,
        StaleDisclosureSweeper,
        ListDisclosuresUseCase,
        BillingReportUseCase,
        AppendAuditEntriesUseCase,
        ListAuditEntriesUseCase,
        VerifyAuditLogUseCase,
        CreateCheckpointUseCase,
        CheckpointScheduler,
        AuditProofsUseCase,
        CreateDataRequestUseCase,
        LocalSubjectData,
        DataRequestProcessor,
        UnmaskSubjectUseCase,
        RunRetentionUseCase,
        RetentionScheduler,
        {
          provide: 'DataRequestMetrics',
          inject: [Registry, DataRequestRepository],
          useFactory: (registry: Registry, requests: DataRequestRepository) => registerDataRequestMetrics(registry, requests),
        },
      ],
    };
  }
}
