import { bootGrpcApp, MERCHANT_SERVICE, SUBJECT_DATA_SERVICE } from '#libs/grpc';
import { loadMerchantConfig } from './config/merchant.config.js';
import { MerchantModule } from './merchant.module.js';

bootGrpcApp({
  app: 'merchant',
  descriptor: MERCHANT_SERVICE,
  // Data-subject rights and retention, called by the privacy service.
  extraServices: [SUBJECT_DATA_SERVICE],
  loadConfig: loadMerchantConfig,
  module: (config) => MerchantModule.register(config),
});
