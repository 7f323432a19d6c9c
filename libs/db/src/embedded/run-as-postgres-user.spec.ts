import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTraversable } from './run-as-postgres-user.js';

const NOBODY = 4_000_001;
const mode = (path: string): string => (statSync(path).mode & 0o7777).toString(8);

/** Folders above the temp folder that some user could not pass would be changed too: the test only changes its own. */
function aboveTempIsTraversable(): boolean {
  return [tmpdir(), realpathSync(tmpdir())].every((start) => {
    for (let folder = start; ; folder = dirname(folder)) {
      if ((statSync(folder).mode & 0o111) !== 0o111) return false;
      if (dirname(folder) === folder) return true;
    }
  });
}

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

/** `<temp>/owner-only/<branch>/pg`, the first two folders 700 like /root, the data folder 700 too. */
function tree(): { top: string; branch: string; data: string } {
  root = mkdtempSync(join(tmpdir(), 'kyc-traverse-'));
  const top = join(root, 'owner-only');
  const branch = join(top, 'branch');
  const data = join(branch, 'pg');
  mkdirSync(data, { recursive: true });
  for (const folder of [root, top, branch, data]) chmodSync(folder, 0o700);
  return { top, branch, data };
}

describe.skipIf(!aboveTempIsTraversable())('ensureTraversable', () => {
  it('changes nothing when the server runs as the current user', () => {
    const { top, data } = tree();
    ensureTraversable(data, undefined, () => undefined);
    expect([mode(root), mode(top), mode(data)]).toEqual(['700', '700', '700']);
  });

  it('adds o+x, and nothing else, to every folder up to the data folder that another user could not pass', () => {
    const { top, branch, data } = tree();
    chmodSync(branch, 0o750);
    const logged: string[] = [];
    ensureTraversable(data, { uid: NOBODY, gid: NOBODY }, (message) => logged.push(message));
    expect([mode(root), mode(top), mode(branch), mode(data)]).toEqual(['701', '701', '751', '701']);
    expect(logged).toHaveLength(4);
    expect(logged[0]).toContain(root);
    // Idempotent: a second start changes nothing.
    ensureTraversable(data, { uid: NOBODY, gid: NOBODY }, (message) => logged.push(message));
    expect(logged).toHaveLength(4);
  });

  it('uses the owner or group search bit when the server user owns the folder or is in its group', () => {
    const { top, branch, data } = tree();
    chmodSync(branch, 0o600);
    ensureTraversable(branch, { uid: process.getuid!(), gid: NOBODY }, () => undefined);
    expect(mode(branch)).toBe('700');
    chmodSync(data, 0o700);
    ensureTraversable(data, { uid: NOBODY, gid: process.getgid!() }, () => undefined);
    expect([mode(root), mode(top), mode(branch), mode(data)]).toEqual(['710', '710', '710', '710']);
  });
});
