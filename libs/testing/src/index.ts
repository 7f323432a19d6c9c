export { signDevToken, type DevTokenClaims, type DevTokenSigning } from './dev-token.js';
export { createTestDatabase, assertTestDatabaseName, type TestDatabase } from './test-database.js';
export { startTestPostgres, type TestPostgres } from './test-postgres.js';
export { generateDevCertificates, type DevCertificates, type PemPair } from './dev-certificates.js';
export { containsNeedle, dumpDatabaseText, readLogs, findNeedles, type Needle, type PlaintextFinding } from './plaintext-scan.js';
