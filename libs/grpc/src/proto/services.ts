/** Where each internal gRPC service is declared. */
export interface GrpcServiceDescriptor {
  /** Protobuf package, e.g. `kyc.identity.v1`. */
  package: string;
  /** Service name inside the package. */
  service: string;
  /** Proto file relative to `proto/`. */
  protoFile: string;
}

const describe = (name: string, service: string): GrpcServiceDescriptor => ({
  package: `kyc.${name}.v1`,
  service,
  protoFile: `kyc/${name}/v1/${name}.proto`,
});

export const IDENTITY_SERVICE = describe('identity', 'IdentityService');
export const MERCHANT_SERVICE = describe('merchant', 'MerchantService');
export const RISK_SERVICE = describe('risk', 'RiskService');
export const PRIVACY_SERVICE = describe('privacy', 'PrivacyService');
/** Served by identity, merchant and risk beside their own service; privacy drives it. */
export const SUBJECT_DATA_SERVICE = describe('subject_data', 'SubjectDataService');

export function fullServiceName(service: GrpcServiceDescriptor): string {
  return `${service.package}.${service.service}`;
}
