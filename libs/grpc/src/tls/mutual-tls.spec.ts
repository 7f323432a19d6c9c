import { Server, credentials, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGrpcHealth } from '../health/check-health.js';
import { ServiceHealth } from '../health/service-health.js';
import { clientCredentials, serverCredentials } from './credentials.js';
import { generateDevCertificates, type DevCertificates } from '#libs/testing';

const pem = (text: string): Buffer => Buffer.from(text);

describe('mutual TLS on internal gRPC', () => {
  let certs: DevCertificates;
  let stranger: DevCertificates;
  let server: Server;
  let address = '';

  beforeAll(async () => {
    [certs, stranger] = await Promise.all([generateDevCertificates(['privacy', 'gateway']), generateDevCertificates(['gateway'], 'some other CA')]);
    server = new Server();
    const health = new ServiceHealth('kyc.privacy.v1.PrivacyService');
    health.implementation.addToServer(server);
    health.set(true);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(
        '127.0.0.1:0',
        serverCredentials({ ca: pem(certs.ca.cert), cert: pem(certs.leaves['privacy']!.cert), key: pem(certs.leaves['privacy']!.key) }),
        (error, bound) => (error ? reject(error) : resolve(bound)),
      ),
    );
    address = `127.0.0.1:${port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.tryShutdown(() => resolve())));

  it('serves a client whose certificate the CA signed', async () => {
    const tls = { ca: pem(certs.ca.cert), cert: pem(certs.leaves['gateway']!.cert), key: pem(certs.leaves['gateway']!.key) };
    await expect(checkGrpcHealth(address, { credentials: clientCredentials(tls) })).resolves.toBe('SERVING');
  });

  it('refuses a client without a certificate', async () => {
    await expect(checkGrpcHealth(address, { credentials: credentials.createSsl(pem(certs.ca.cert)) })).rejects.toMatchObject({ code: status.UNAVAILABLE });
  });

  it('refuses a client whose certificate another CA signed', async () => {
    const tls = { ca: pem(certs.ca.cert), cert: pem(stranger.leaves['gateway']!.cert), key: pem(stranger.leaves['gateway']!.key) };
    await expect(checkGrpcHealth(address, { credentials: clientCredentials(tls) })).rejects.toMatchObject({ code: status.UNAVAILABLE });
  });

  it('refuses a plaintext client', async () => {
    await expect(checkGrpcHealth(address, { credentials: credentials.createInsecure() })).rejects.toMatchObject({ code: status.UNAVAILABLE });
  });
});
