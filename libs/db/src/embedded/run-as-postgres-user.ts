import { execFileSync } from 'node:child_process';
import { chownSync } from 'node:fs';
import { userInfo } from 'node:os';

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
