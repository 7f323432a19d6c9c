import { bootGrpcApp, RISK_SERVICE, SUBJECT_DATA_SERVICE } from '#libs/grpc';
import { loadRiskConfig } from './config/risk.config.js';
import { RiskModule } from './risk.module.js';

bootGrpcApp({
  app: 'risk',
  descriptor: RISK_SERVICE,
  // Data-subject rights and retention, called by the privacy service.
  extraServices: [SUBJECT_DATA_SERVICE],
  loadConfig: loadRiskConfig,
  module: (config) => RiskModule.register(config),
});
