import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

export interface PolicyVersion {
  version: string;
  effectiveFrom: string;
  /** Hex SHA-256 of the policy text users were shown. */
  textSha256: string;
}

export class PolicyCatalogue {
  private readonly byVersion: Map<string, PolicyVersion>;

  constructor(versions: PolicyVersion[]) {
    this.byVersion = new Map(versions.map((version) => [version.version, version]));
  }

  find(version: string): PolicyVersion | undefined {
    return this.byVersion.get(version);
  }

  get versions(): PolicyVersion[] {
    return [...this.byVersion.values()];
  }
}

interface PolicyFile {
  policies?: Array<{ version?: unknown; effective_from?: unknown; text_file?: unknown }>;
}

/** Loads the policy versions and hashes their texts; any problem stops the boot. */
export function loadPolicyCatalogue(file: string): PolicyCatalogue {
  const parsed = parse(readFileSync(file, 'utf8')) as PolicyFile;
  const versions = (parsed.policies ?? []).map((entry, index) => {
    if (typeof entry.version !== 'string' || !/^[A-Za-z0-9._-]{1,32}$/.test(entry.version)) throw new Error(`${file}: policies[${index}].version is invalid`);
    if (typeof entry.text_file !== 'string') throw new Error(`${file}: policies[${index}].text_file is required`);
    const text = readFileSync(resolve(dirname(file), entry.text_file));
    return { version: entry.version, effectiveFrom: String(entry.effective_from ?? ''), textSha256: createHash('sha256').update(text).digest('hex') };
  });
  if (versions.length === 0) throw new Error(`${file}: no policy versions`);
  return new PolicyCatalogue(versions);
}
