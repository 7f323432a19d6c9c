import type { PromiseClient } from '#libs/grpc';
import type { IdentityServiceClient } from '#contracts/identity';
import type { MerchantServiceClient } from '#contracts/merchant';
import type { PrivacyServiceClient } from '#contracts/privacy';
import type { RiskServiceClient } from '#contracts/risk';

/** Injection tokens for the typed gRPC clients of the backends. */
export const IDENTITY_CLIENT = Symbol('IdentityClient');
export const MERCHANT_CLIENT = Symbol('MerchantClient');
export const RISK_CLIENT = Symbol('RiskClient');
export const PRIVACY_CLIENT = Symbol('PrivacyClient');

export type IdentityClient = PromiseClient<IdentityServiceClient>;
export type MerchantClient = PromiseClient<MerchantServiceClient>;
export type RiskClient = PromiseClient<RiskServiceClient>;
export type PrivacyClient = PromiseClient<PrivacyServiceClient>;
