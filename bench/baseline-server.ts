import { Server, ServerCredentials, loadPackageDefinition as toGrpcObject, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { loadPackageDefinition, RISK_SERVICE } from '#libs/grpc';

/**
 * The benchmark's yardstick: a bare grpc-js server for the same
 * RiskService.Assess message shapes (same proto, same loader options) whose
 * handler does nothing but answer. Everything Assess costs beyond this is
 * NestJS, validation, rules and PostgreSQL.
 */
const port = Number(process.argv[2] ?? 0);
const root = toGrpcObject(loadPackageDefinition([RISK_SERVICE.protoFile])) as unknown as Record<
  string,
  Record<string, Record<string, Record<string, { service: ServiceDefinition }>>>
>;
const definition = root['kyc']!['risk']!['v1']!['RiskService']!.service;
const answer = {
  decisionId: '01900000-0000-7000-8000-000000000000',
  deviceId: 'dv_aaaaaaaaaaaaaaaaaaaaaaaa',
  score: 0,
  decision: 'ALLOW',
  reasons: [],
  rulesetVersion: 1,
  deviceIdKind: 'hard',
  deviceConfidence: 1,
};
const handlers: UntypedServiceImplementation = { assess: (_call: unknown, callback: (error: null, response: unknown) => void) => callback(null, answer) };
const server = new Server();
server.addService(definition, handlers);
server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => {
  if (error) throw error;
  process.stdout.write(`LISTENING ${bound}\n`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
