import type { AuthorizeDisclosureRequest, AuthorizeDisclosureResponse, CompleteDisclosureRequest } from '#contracts/privacy';

/** The two calls an adapter makes to the privacy service (a typed gRPC client satisfies it). */
export interface DisclosureAuthority {
  authorizeDisclosure(request: AuthorizeDisclosureRequest, options?: { timeoutMs?: number }): Promise<AuthorizeDisclosureResponse>;
  completeDisclosure(request: CompleteDisclosureRequest, options?: { timeoutMs?: number }): Promise<object>;
}
