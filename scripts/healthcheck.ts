/**
 * Container health check: `node dist/scripts/healthcheck.js grpc <port>` asks
 * the standard gRPC health service; `... http <url>` expects a 2xx.
 */
import { checkGrpcHealth } from '#libs/grpc';

const [kind, target] = process.argv.slice(2);
try {
  if (kind === 'grpc') {
    const status = await checkGrpcHealth(`127.0.0.1:${target}`, { timeoutMs: 2000 });
    process.exit(status === 'SERVING' ? 0 : 1);
  }
  const response = await fetch(target ?? '', { signal: AbortSignal.timeout(2000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
