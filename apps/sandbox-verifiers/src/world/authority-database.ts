import { readFileSync } from 'node:fs';
import type { SandboxFixtures } from '../fixtures/load-sandbox-fixtures.js';
import { readFaceMarker } from '../jpeg/read-face-marker.js';
import { readJpegSegments } from '../jpeg/read-jpeg-segments.js';

export interface AuthorityRecord {
  name: string;
  /** Face id read from the authority's ID photo, the way a submitted photo is read. */
  faceId: string;
}

/** The public-security authority's records: who holds which ID number, and their ID photo. */
export class AuthorityDatabase {
  private constructor(private readonly records: ReadonlyMap<string, AuthorityRecord>) {}

  static fromFixtures(fixtures: SandboxFixtures): AuthorityDatabase {
    const records = new Map<string, AuthorityRecord>();
    for (const person of fixtures.people) {
      if (!person.authority || !person.authorityPhotoPath) continue;
      const segments = readJpegSegments(readFileSync(person.authorityPhotoPath));
      const faceId = segments && readFaceMarker(segments).faceId;
      if (!faceId) throw new Error(`Fixture ${person.key}: authority photo ${person.authority.photo} has no face marker`);
      records.set(person.idNumber, { name: person.authority.name, faceId });
    }
    return new AuthorityDatabase(records);
  }

  /** By canonical ID number (upper-case X). */
  find(idNumber: string): AuthorityRecord | undefined {
    return this.records.get(idNumber);
  }
}
