/** Architecture rules (npm run check). Test code may cross these lines; production code may not. */
const TEST = '(\\.spec\\.ts|\\.int-spec\\.ts|\\.e2e-spec\\.ts|\\.fixture\\.ts)$';
module.exports = {
  forbidden: [
    {
      name: 'lib-imports-app',
      comment: 'A lib never imports an app.',
      severity: 'error',
      from: { path: '^libs/', pathNot: TEST },
      to: { path: '^apps/' },
    },
    {
      name: 'app-imports-other-app',
      comment: "A service never imports another service's internals; they talk through proto/ contracts.",
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: TEST },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'production-imports-testing',
      comment: 'libs/testing is for tests and dev tools only.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [TEST, '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: false,
    parser: 'swc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
