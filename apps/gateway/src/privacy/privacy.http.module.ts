import { Module } from '@nestjs/common';
import { AuditHttpController } from './audit/audit.http.controller.js';
import { BillingHttpController } from './billing/billing.http.controller.js';
import { ConsentsHttpController } from './consents/consents.http.controller.js';
import { DataRequestsHttpController } from './data-requests/data-requests.http.controller.js';
import { RetentionHttpController } from './retention/retention.http.controller.js';
import { UnmaskHttpController } from './unmask/unmask.http.controller.js';

/** Consents and data-subject requests (users), the audit log and unmasking (privacy officers), the cost report and retention (admins). */
@Module({
  controllers: [ConsentsHttpController, AuditHttpController, BillingHttpController, DataRequestsHttpController, UnmaskHttpController, RetentionHttpController],
})
export class PrivacyHttpModule {}
