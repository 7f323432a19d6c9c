import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { ListRecipientsResponse, PrivacyServiceController } from '#contracts/privacy';
import type { RecipientRegistry } from '#libs/sharing';
import { RECIPIENT_REGISTRY } from '../../registry/registry.tokens.js';

/** The registry as loaded: who may receive what, for which purpose, on which basis. */
@Controller()
export class ListRecipientsGrpcController implements Pick<PrivacyServiceController, 'listRecipients'> {
  constructor(@Inject(RECIPIENT_REGISTRY) private readonly registry: RecipientRegistry) {}

  @GrpcMethod('PrivacyService', 'ListRecipients')
  listRecipients(): ListRecipientsResponse {
    return {
      recipients: this.registry.recipients.map((recipient) => ({
        id: recipient.id,
        legalEntity: recipient.legalEntity,
        country: recipient.country,
        purposes: recipient.purposes.map((rule) => ({ purpose: rule.purpose, legalBasis: rule.legalBasis, fields: rule.fields })),
      })),
    };
  }
}
