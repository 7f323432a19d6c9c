import { Module } from '@nestjs/common';
import { KycMeHttpController } from './kyc-me.http.controller.js';
import { KycSessionsHttpController } from './kyc-sessions.http.controller.js';

/** Real-name verification (role `user`): sessions, the three factors, and the caller's level. */
@Module({
  controllers: [KycSessionsHttpController, KycMeHttpController],
})
export class KycHttpModule {}
