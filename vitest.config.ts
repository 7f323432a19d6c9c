import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// swc, not esbuild, compiles the tests: NestJS dependency injection needs
// emitDecoratorMetadata, which esbuild does not implement.
const plugins = [swc.vite({ module: { type: 'es6' } })];
// Mirrors the "source" condition of package.json#imports, so tests run the
// TypeScript sources while `node dist/...` runs the build.
const resolve = {
  alias: [
    { find: /^#libs\/([^/]+)$/, replacement: fileURLToPath(new URL('./libs/$1/src/index.ts', import.meta.url)) },
    { find: /^#contracts\/([^/]+)$/, replacement: fileURLToPath(new URL('./libs/grpc/src/generated/kyc/$1/v1/$1.ts', import.meta.url)) },
  ],
};
const code = ['apps', 'libs', 'scripts', 'bench'];

const project = (test: TestProjectInlineConfiguration['test']): TestProjectInlineConfiguration => ({ plugins, resolve, test });

export default defineConfig({
  plugins,
  resolve,
  test: {
    projects: [
      // Unit: no database, no network beyond servers a spec starts itself.
      project({ name: 'unit', include: code.map((dir) => `${dir}/**/*.spec.ts`) }),
      // Integration: one migrated test database per run (embedded, or on DATABASE_URL's server).
      project({
        name: 'int',
        include: code.map((dir) => `${dir}/**/*.int-spec.ts`),
        globalSetup: ['test/setup/int.global-setup.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
      }),
      // End to end: the six apps as separate processes, over real HTTP and gRPC.
      project({
        name: 'e2e',
        include: ['test/**/*.e2e-spec.ts'],
        globalSetup: ['test/setup/e2e.global-setup.ts'],
        testTimeout: 120_000,
        hookTimeout: 300_000,
        // One shared stack: specs take turns, so one spec's lockouts and rate limits never surprise another.
        fileParallelism: false,
      }),
      // Fault injection (npm run test:faults): each scenario starts a stack of its own and breaks it.
      project({
        name: 'faults',
        include: ['test/faults/**/*.fault-spec.ts'],
        testTimeout: 600_000,
        hookTimeout: 300_000,
        fileParallelism: false,
      }),
    ],
  },
});
