import { bootGrpcApp, PRIVACY_SERVICE } from '#libs/grpc';
import { loadPrivacyConfig } from './config/privacy.config.js';
import { PrivacyModule } from './privacy.module.js';

bootGrpcApp({
  app: 'privacy',
  descriptor: PRIVACY_SERVICE,
  loadConfig: loadPrivacyConfig,
  module: (config, platform) => PrivacyModule.register(config, platform),
});
