import { Module } from '@nestjs/common';
import { DeadWebhooksHttpController } from './admin/dead-webhooks.http.controller.js';
import { MerchantStatusHttpController } from './admin/merchant-status.http.controller.js';
import { MerchantApplicationsHttpController } from './applications/merchant-applications.http.controller.js';
import { DocumentUploadInterceptor } from './documents/document-upload.js';
import { MerchantDocumentsHttpController } from './documents/merchant-documents.http.controller.js';
import { MerchantReviewsHttpController } from './reviews/merchant-reviews.http.controller.js';
import { MerchantWebhookHttpController } from './webhooks/merchant-webhook.http.controller.js';

/** Merchant onboarding (merchants), the review queue (reviewers), and merchant status and dead webhooks (admins). */
@Module({
  controllers: [
    MerchantDocumentsHttpController,
    MerchantApplicationsHttpController,
    MerchantWebhookHttpController,
    MerchantReviewsHttpController,
    MerchantStatusHttpController,
    DeadWebhooksHttpController,
  ],
  providers: [DocumentUploadInterceptor],
})
export class MerchantHttpModule {}
