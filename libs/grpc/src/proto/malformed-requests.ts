import type { PackageDefinition } from '@grpc/proto-loader';

const MALFORMED = Symbol.for('kyc.grpc.malformed-request');

/** What a handler receives in place of bytes that are not a valid message of its type. */
export const MALFORMED_REQUEST: Readonly<Record<symbol, true>> = Object.freeze({ [MALFORMED]: true });

export function isMalformedRequest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MALFORMED] === true;
}

interface MethodDefinition {
  requestDeserialize: (bytes: Buffer) => unknown;
}

/**
 * grpc-js answers INTERNAL when request bytes do not decode. A client that
 * sends garbage made a bad request, not us: the decoder here hands the
 * handler a marker instead, which the server interceptor turns into
 * INVALID_ARGUMENT with a stable code.
 */
export function withTolerantDecoding(definition: PackageDefinition): PackageDefinition {
  const copy: PackageDefinition = {};
  for (const [name, entry] of Object.entries(definition)) {
    const methods = entry as unknown as Record<string, MethodDefinition>;
    const isService = Object.values(methods).some((method) => typeof method?.requestDeserialize === 'function');
    if (!isService) {
      copy[name] = entry;
      continue;
    }
    copy[name] = Object.fromEntries(
      Object.entries(methods).map(([method, spec]) => [
        method,
        {
          ...spec,
          requestDeserialize: (bytes: Buffer) => {
            try {
              return spec.requestDeserialize(bytes);
            } catch {
              return MALFORMED_REQUEST;
            }
          },
        },
      ]),
    ) as unknown as PackageDefinition[string];
  }
  return copy;
}
