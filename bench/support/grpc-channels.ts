import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { loadPackageDefinition, RISK_SERVICE } from '#libs/grpc';

type Serialize = (value: unknown) => Buffer;

const ASSESS_PATH = '/kyc.risk.v1.RiskService/Assess';

/** Protobuf encoding of an AssessRequest, with the same loader options the services use. */
export function assessSerializer(): Serialize {
  const definition = loadPackageDefinition([RISK_SERVICE.protoFile]) as unknown as Record<string, Record<string, { requestSerialize: Serialize }>>;
  return definition['kyc.risk.v1.RiskService']!['Assess']!.requestSerialize;
}

/** A gRPC message frame: 1 byte "not compressed", 4 bytes length, the message. */
export function grpcFrame(message: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  return frame;
}

/**
 * A lean gRPC load generator: `connections` HTTP/2 connections, requests
 * encoded once up front, and only the status trailer read back. A grpc-js
 * client costs more CPU per call than the bare server it would measure; on a
 * two-core machine that would make the load generator, not the server, the
 * bottleneck of every figure.
 */
export function riskChannels(address: string, connections: number): { send(frame: Buffer): Promise<void>; close(): void } {
  const sessions: ClientHttp2Session[] = Array.from({ length: connections }, () => connect(`http://${address}`));
  for (const session of sessions) session.on('error', () => undefined);
  let next = 0;
  return {
    send(frame) {
      const session = sessions[next++ % sessions.length]!;
      return new Promise<void>((resolve, reject) => {
        const stream = session.request({
          [constants.HTTP2_HEADER_METHOD]: 'POST',
          [constants.HTTP2_HEADER_PATH]: ASSESS_PATH,
          [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
          te: 'trailers',
        });
        let status: string | undefined;
        let message = '';
        stream.on('response', (headers) => {
          // A trailers-only response carries the status in the headers.
          if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
        });
        stream.on('trailers', (trailers) => {
          status = String(trailers['grpc-status']);
          message = decodeURIComponent(String(trailers['grpc-message'] ?? ''));
        });
        stream.on('data', () => undefined);
        // A server that never answers (down, or overwhelmed) fails the call instead of hanging the run.
        stream.setTimeout(60_000, () => stream.close(constants.NGHTTP2_CANCEL));
        stream.on('error', reject);
        stream.on('close', () => (status === '0' ? resolve() : reject(new Error(`gRPC status ${status ?? 'none'} ${message}`))));
        stream.end(frame);
      });
    },
    close() {
      for (const session of sessions) session.close();
    },
  };
}
