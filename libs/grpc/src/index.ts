export { protoRoot } from './proto/proto-root.js';
export { loadPackageDefinition, protoPath, PROTO_LOADER_OPTIONS } from './proto/load-package-definition.js';
export {
  IDENTITY_SERVICE,
  MERCHANT_SERVICE,
  RISK_SERVICE,
  PRIVACY_SERVICE,
  SUBJECT_DATA_SERVICE,
  fullServiceName,
  type GrpcServiceDescriptor,
} from './proto/services.js';
export { serverCredentials, clientCredentials, type TlsMaterial } from './tls/credentials.js';
export { STATUS_BY_KIND, KIND_BY_STATUS } from './errors/status-mapping.js';
export { toGrpcError, fromGrpcError, errorPayloadOf, isServiceError, ERROR_METADATA_KEY } from './errors/grpc-error.js';
export { classifyError, type ClassifiedError } from './errors/classify-error.js';
export { GrpcExceptionFilter } from './server/grpc-exception.filter.js';
export { GrpcContextInterceptor, REQUEST_ID_METADATA_KEY, CALLER_METADATA_KEY } from './server/grpc-context.interceptor.js';
export { grpcValidationPipe } from './server/grpc-validation.pipe.js';
export { startGrpcService, type GrpcServiceOptions, type RunningGrpcService } from './server/start-grpc-service.js';
export { ServiceHealth } from './health/service-health.js';
export { checkGrpcHealth } from './health/check-health.js';
export { createGrpcClient, type PromiseClient, type CallOptions, type GrpcClientOptions, type GrpcClientHandle } from './client/grpc-client.js';
export { bootGrpcApp, type GrpcAppDefinition, type GrpcAppPlatform } from './server/boot-grpc-app.js';
export { MALFORMED_REQUEST, isMalformedRequest, withTolerantDecoding } from './proto/malformed-requests.js';
