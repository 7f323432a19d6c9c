import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, realpathSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';

export interface Identity {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When we are root (containers, CI
 * machines), the server runs as the `postgres` system user instead, created
 * if it does not exist yet.
 */
export function postgresIdentity(log: (message: string) => void): Identity | undefined {
  if (userInfo().uid !== 0) return undefined;
  const lookup = (): Identity => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    log('Running as root: creating the "postgres" system user to run the embedded PostgreSQL server.');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

export function chownTo(path: string, identity: Identity | undefined): void {
  if (identity) chownSync(path, identity.uid, identity.gid);
}

/** `dir` and every folder above it, from the root down. */
function pathChain(dir: string): string[] {
  const chain: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    chain.unshift(current);
    if (dirname(current) === current) return chain;
  }
}

/**
 * The server, running as `identity`, must pass through every folder above
 * its data folder and its binaries. A checkout under root's home (mode 700)
 * has one it cannot pass: that folder gets the search bit of the class the
 * user falls in (o+x for a folder owned by someone else), which lets it reach
 * a name it already knows, not list the folder. Other bits are left alone.
 */
export function ensureTraversable(dir: string, identity: Identity | undefined, log: (message: string) => void): void {
  if (!identity) return;
  const folders = new Set([...pathChain(resolve(dir)), ...pathChain(realpathSync(dir))]);
  for (const folder of folders) {
    const { mode, uid, gid } = statSync(folder);
    const search = uid === identity.uid ? 0o100 : gid === identity.gid ? 0o010 : 0o001;
    if (mode & search) continue;
    chmodSync(folder, (mode & 0o7777) | search);
    log(`Made ${folder} traversable by the "postgres" user (mode ${((mode & 0o7777) | search).toString(8)}) so the server can reach its files.`);
  }
}
