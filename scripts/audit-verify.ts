/**
 * Offline audit verification, for an auditor who trusts neither the service
 * nor its database:
 *
 *   npm run audit:verify -- --gateway http://127.0.0.1:8080 --token <privacy_officer token> [--save export.json]
 *   npm run audit:verify -- --file export.json [--public-key auditor-copy.pem]
 *
 * It downloads (or reads) every entry and every signed checkpoint, then
 * recomputes leaves and roots itself (libs/audit). Pass the public key you
 * received out of band with --public-key; otherwise the exported one is used.
 */
import { verifyExport, type ExportedCheckpoint, type ExportedEntry } from '#libs/audit';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface AuditExport {
  entries: ExportedEntry[];
  checkpoints: ExportedCheckpoint[];
  public_key_pem: string;
}

const { values } = parseArgs({
  options: { gateway: { type: 'string' }, token: { type: 'string' }, file: { type: 'string' }, save: { type: 'string' }, 'public-key': { type: 'string' } },
});

async function download(gateway: string, token: string): Promise<AuditExport> {
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${gateway}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return response.json();
  };
  const entries: ExportedEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = (await get(`/v1/analyst/audit?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)) as {
      items: ExportedEntry[];
      next_cursor: string | null;
    };
    entries.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  const { checkpoints, public_key_pem } = (await get('/v1/analyst/audit/checkpoints')) as { checkpoints: ExportedCheckpoint[]; public_key_pem: string };
  return { entries, checkpoints, public_key_pem };
}

let data: AuditExport;
if (values.file) data = JSON.parse(readFileSync(values.file, 'utf8')) as AuditExport;
else if (values.gateway && values.token) data = await download(values.gateway, values.token);
else {
  process.stderr.write('usage: npm run audit:verify -- (--gateway <url> --token <token> [--save <file>] | --file <file>) [--public-key <pem file>]\n');
  process.exit(2);
}
if (values.save) writeFileSync(values.save, JSON.stringify(data, null, 2));
const publicKey = values['public-key'] ? readFileSync(values['public-key'], 'utf8') : data.public_key_pem;
const report = verifyExport(data.entries, data.checkpoints, publicKey);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(report.ok ? 0 : 1);
