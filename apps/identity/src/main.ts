import { bootGrpcApp, IDENTITY_SERVICE, SUBJECT_DATA_SERVICE } from '#libs/grpc';
import { loadIdentityConfig } from './config/identity.config.js';
import { IdentityModule } from './identity.module.js';

bootGrpcApp({
  app: 'identity',
  descriptor: IDENTITY_SERVICE,
  // Data-subject rights and retention, called by the privacy service.
  extraServices: [SUBJECT_DATA_SERVICE],
  loadConfig: loadIdentityConfig,
  module: (config) => IdentityModule.register(config),
});
