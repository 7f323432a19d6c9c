import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface Needle {
  /** What it is, for the report; never the value itself. */
  label: string;
  value: string;
}

export interface PlaintextFinding {
  needle: string;
  where: string;
}

const SCHEMAS = ['gateway', 'identity', 'merchant', 'risk', 'privacy'];

/**
 * Every row of every table of the service schemas, as PostgreSQL prints it
 * (`row::text`; bytea as hex). A stand-in for `pg_dump` that works whatever
 * the server version, and that sees exactly what a dump would hold.
 */
export async function dumpDatabaseText(databaseUrl: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [SCHEMAS],
    );
    const dump = new Map<string, string>();
    for (const table of tables) {
      const qualified = `${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)}`;
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${qualified} t`);
      dump.set(`${table.schema}.${table.name}`, rows.map((row) => row.row).join('\n'));
    }
    return dump;
  } finally {
    await client.end();
  }
}

/** The text of every `*.log` file in a folder. */
export function readLogs(logDir: string): Map<string, string> {
  const logs = new Map<string, string>();
  for (const file of readdirSync(logDir).filter((name) => name.endsWith('.log'))) logs.set(file, readFileSync(join(logDir, file), 'utf8'));
  return logs;
}

/** Which needles occur in which texts. Hex forms are searched too, since bytea prints as hex. */
export function findNeedles(texts: Map<string, string>, needles: Needle[]): PlaintextFinding[] {
  const findings: PlaintextFinding[] = [];
  for (const [where, text] of texts) {
    const lowered = text.toLowerCase();
    for (const needle of needles) if (containsNeedle(text, needle.value, lowered)) findings.push({ needle: needle.label, where });
  }
  return findings;
}

/** Whether `text` holds `value` as text, or as the hex a `bytea` column prints (for 8 bytes or more). */
export function containsNeedle(text: string, value: string, lowered = text.toLowerCase()): boolean {
  const hex = Buffer.from(value, 'utf8').toString('hex');
  return text.includes(value) || (hex.length >= 16 && lowered.includes(hex));
}
