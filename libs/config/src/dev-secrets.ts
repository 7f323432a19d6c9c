import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets generated once per development checkout. They make `npm start`
 * work with no setup; production refuses them (see PlatformConfig).
 */
export interface DevSecrets {
  /** Key ids of generated keys start with this, so production can recognise them. */
  encryptionKeys: Record<string, string>;
  currentKeyId: string;
  blindIndexKey: string;
  jwtSecret: string;
  auditSigningKeyPem: string;
  postgresPassword: string;
}

export const DEV_KEY_ID_PREFIX = 'dev-';
const FILE_NAME = 'dev-secrets.json';
const cache = new Map<string, DevSecrets>();

function generate(): DevSecrets {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    encryptionKeys: { [`${DEV_KEY_ID_PREFIX}1`]: randomBytes(32).toString('base64') },
    currentKeyId: `${DEV_KEY_ID_PREFIX}1`,
    blindIndexKey: randomBytes(32).toString('base64'),
    jwtSecret: randomBytes(32).toString('base64url'),
    auditSigningKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    postgresPassword: randomBytes(18).toString('base64url'),
  };
}

/**
 * Writes the file only if it does not exist yet. Several apps start at once,
 * so creation goes through a temp file and link(), which fails atomically
 * when another process won the race; everybody then reads the winner's file.
 */
function createIfAbsent(path: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(generate(), null, 2));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

export function devSecretsPath(dataDir: string): string {
  return join(dataDir, FILE_NAME);
}

/** Loads the development secrets, creating them on first use. */
export function loadDevSecrets(dataDir: string, warn: (message: string) => void = () => undefined): DevSecrets {
  const path = devSecretsPath(dataDir);
  const cached = cache.get(path);
  if (cached) return cached;
  mkdirSync(dataDir, { recursive: true });
  let created = false;
  try {
    readFileSync(path);
  } catch {
    created = createIfAbsent(path);
  }
  if (created) {
    warn(`Generated development keys into ${path}. They are for local use only; production refuses them.`);
  }
  const secrets = JSON.parse(readFileSync(path, 'utf8')) as DevSecrets;
  cache.set(path, secrets);
  return secrets;
}
