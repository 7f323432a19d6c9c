import type { ReplayDeadWebhookRequest } from '#contracts/merchant';
import { IsString, MaxLength } from 'class-validator';
import { IsSubject } from '../../shared/identifiers.js';

export class ReplayDeadWebhookRequestDto implements ReplayDeadWebhookRequest {
  @IsString()
  @MaxLength(32)
  id: string;

  @IsSubject()
  actorId: string;
}
