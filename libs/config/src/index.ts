export { ConfigError } from './config-error.js';
export { loadConfig, type Env } from './load-config.js';
export { EnvBoolean, EnvList } from './env-transforms.js';
export { loadDevSecrets, devSecretsPath, DEV_KEY_ID_PREFIX, type DevSecrets } from './dev-secrets.js';
export { RuntimeConfig, LOG_LEVELS, type LogLevel } from './runtime.config.js';
export { PlatformConfig, type PiiKeyMaterial, type GrpcTlsFiles } from './platform.config.js';
export { GrpcServiceConfig, isLoopback } from './grpc-service.config.js';
