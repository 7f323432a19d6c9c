import { credentials, makeGenericClientConstructor, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import type { MessageTypeDefinition, PackageDefinition } from '@grpc/proto-loader';
import fc from 'fast-check';
import { errorPayloadOf, fullServiceName, loadPackageDefinition, type GrpcServiceDescriptor } from '#libs/grpc';

interface FieldDescriptor {
  name: string;
  jsonName?: string;
  label: string;
  type: string;
  typeName?: string;
}

interface MethodSpec {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  requestType: MessageTypeDefinition<unknown, unknown>;
  requestSerialize: (value: unknown) => Buffer;
}

export interface GrpcTarget {
  address: string;
  service: GrpcServiceDescriptor;
}

export interface GrpcMethodReport {
  method: string;
  cases: number;
  codes: Record<string, number>;
  /** Answers the service itself gave: OK, or an error carrying its stable code (the `x-kyc-error` trailer). */
  answered: number;
  failures: string[];
}

export interface GrpcFuzzOptions {
  /**
   * Leave out methods whose success changes what every other caller sees:
   * RunRetention, a real sweep of every service's schema (the services' own
   * SubjectDataService/RunRetention takes any `as_of` its caller sends).
   * Default: left out, as the e2e suite needs (its stack and database are
   * shared by every spec); `npm run fuzz`, on a stack of its own, passes false.
   */
  spareSharedState?: boolean;
}

/** Methods whose success changes state for every other caller (a retention sweep). */
const SHARED_STATE = /\/RunRetention$/;

/** Statuses that do not show the service read the call: nothing listening, a TLS mismatch, another service on that port. */
const NOT_PROCESSED = new Set([status.UNAVAILABLE, status.UNIMPLEMENTED, status.DEADLINE_EXCEEDED, status.CANCELLED]);

const strings = fc.oneof(fc.string(), fc.constantFrom('', '\u0000', '11010519491231002X', '../x', 'A'.repeat(5000), 'not-a-uuid', '2026-13-45'), fc.uuid());

function valueFor(field: FieldDescriptor, definition: PackageDefinition, depth: number): fc.Arbitrary<unknown> {
  const single = ((): fc.Arbitrary<unknown> => {
    switch (field.type) {
      case 'TYPE_STRING':
        return strings;
      case 'TYPE_BOOL':
        return fc.boolean();
      case 'TYPE_INT32':
      case 'TYPE_UINT32':
      case 'TYPE_SINT32':
        return fc.integer();
      case 'TYPE_INT64':
      case 'TYPE_UINT64':
        return fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 62n }).map(String), fc.constant('0'));
      case 'TYPE_DOUBLE':
      case 'TYPE_FLOAT':
        return fc.double();
      case 'TYPE_BYTES':
        return fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes));
      case 'TYPE_ENUM':
        return fc.integer({ min: 0, max: 5 });
      case 'TYPE_MESSAGE': {
        const nested = definition[(field.typeName ?? '').replace(/^\./, '')] as MessageTypeDefinition<unknown, unknown> | undefined;
        return nested && depth < 3 ? messageFor(nested, definition, depth + 1) : fc.constant({});
      }
      default:
        return fc.constant(undefined);
    }
  })();
  return field.label === 'LABEL_REPEATED' ? fc.array(single, { maxLength: 4 }) : single;
}

/** A well-formed message of the method's request type, full of bad values. */
function messageFor(type: MessageTypeDefinition<unknown, unknown>, definition: PackageDefinition, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = ((type.type as { field?: FieldDescriptor[] }).field ?? []).filter((field) => !field.typeName?.endsWith('Entry'));
  const camel = (name: string): string => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return fc.record(Object.fromEntries(fields.map((field) => [camel(field.name), valueFor(field, definition, depth)])), { requiredKeys: [] });
}

type RawClient = Client &
  Record<string, (request: Buffer, metadata: Metadata, options: { deadline: number }, callback: (error: ServiceError | null) => void) => void>;

/**
 * Calls every unary method of a service with undecodable bytes and with
 * well-formed messages of nonsense values. A proper answer is any status but
 * INTERNAL or UNKNOWN (and no hang); and at least one answer per method must
 * come from the service itself (OK, or an error with its stable code), so a
 * wrong port or a TLS mismatch, where every call is UNAVAILABLE, cannot pass.
 */
export async function fuzzGrpcService(target: GrpcTarget, runs: number, seed?: number, options: GrpcFuzzOptions = {}): Promise<GrpcMethodReport[]> {
  const spareSharedState = options.spareSharedState ?? true;
  const definition = loadPackageDefinition([target.service.protoFile]);
  const service = definition[fullServiceName(target.service)] as unknown as Record<string, MethodSpec>;
  const reports: GrpcMethodReport[] = [];
  for (const [name, method] of Object.entries(service)) {
    if (method.requestStream || method.responseStream || (spareSharedState && SHARED_STATE.test(method.path))) continue;
    const Raw = makeGenericClientConstructor(
      {
        call: {
          path: method.path,
          requestStream: false,
          responseStream: false,
          requestSerialize: (bytes: Buffer) => bytes,
          requestDeserialize: (bytes: Buffer) => bytes,
          responseSerialize: (bytes: Buffer) => bytes,
          responseDeserialize: (bytes: Buffer) => bytes,
        },
      },
      'Raw',
    );
    const client = new Raw(target.address, credentials.createInsecure()) as unknown as RawClient;
    const report: GrpcMethodReport = { method: `${fullServiceName(target.service)}/${name}`, cases: 0, codes: {}, answered: 0, failures: [] };
    const payload = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      messageFor(method.requestType, definition).map((message) => {
        try {
          return method.requestSerialize(message);
        } catch {
          return Buffer.from([0x0a, 0x01]);
        }
      }),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (bytes) => {
        const error = await new Promise<ServiceError | null>((resolve) => client['call']!(bytes, new Metadata(), { deadline: Date.now() + 15_000 }, resolve));
        const code = error ? status[error.code] : 'OK';
        report.cases++;
        report.codes[code] = (report.codes[code] ?? 0) + 1;
        if (!error || (!NOT_PROCESSED.has(error.code) && errorPayloadOf(error))) report.answered++;
        if (
          error &&
          (error.code === status.INTERNAL || error.code === status.UNKNOWN || error.code === status.DEADLINE_EXCEEDED) &&
          report.failures.length < 5
        ) {
          report.failures.push(`${code}: ${error.details}`);
        }
      }),
      { numRuns: runs, seed, endOnFailure: false },
    );
    client.close();
    if (report.answered === 0) {
      const codes = Object.entries(report.codes).map(([code, count]) => `${code}×${count}`);
      report.failures.push(
        `the service answered none of ${report.cases} calls itself (${codes.join(' ')}) at ${target.address}: wrong port, TLS mismatch, or not served there`,
      );
    }
    reports.push(report);
  }
  return reports;
}
