import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { HOME_COUNTRY, isConsentPurpose, type DisclosurePurpose, type LegalBasis } from './purposes.js';
import type { Recipient, RecipientRegistry } from './recipient.js';
import { RegistrySchema } from './registry-schema.js';

export class RegistryError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Invalid recipient registry ${file}: ${problems.join('; ')}`);
    this.name = 'RegistryError';
  }
}

/** `${NAME}` or `${NAME:-default}` in string values; a missing variable without default is an error. */
function substitute(value: unknown, env: Record<string, string | undefined>, problems: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, env, problems));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substitute(inner, env, problems)]));
  if (typeof value !== 'string') return value;
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const resolved = env[name] ?? fallback;
    if (resolved === undefined) problems.push(`\${${name}} is not set`);
    return resolved ?? '';
  });
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    return [...Object.keys(error.constraints ?? {}).map((rule) => `${path} (${rule})`), ...flatten(error.children ?? [], `${path}.`)];
  });
}

function semanticProblems(recipients: Recipient[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const recipient of recipients) {
    if (ids.has(recipient.id)) problems.push(`recipient ${recipient.id} is declared twice`);
    ids.add(recipient.id);
    if (recipient.endpoint.kind === 'http' && !recipient.endpoint.url) problems.push(`recipient ${recipient.id}: an http endpoint needs a url`);
    // A dynamic endpoint's receivers are merchant-supplied URLs on public CAs; one private CA for all of them would cut off every other receiver.
    if (recipient.endpoint.kind !== 'http' && recipient.endpoint.caFile)
      problems.push(`recipient ${recipient.id}: ca_file applies to http endpoints only, not ${recipient.endpoint.kind}`);
    const seen = new Set<string>();
    for (const rule of recipient.purposes) {
      if (seen.has(rule.purpose)) problems.push(`recipient ${recipient.id}: purpose ${rule.purpose} is declared twice`);
      seen.add(rule.purpose);
      if (rule.legalBasis === 'CONSENT' && !isConsentPurpose(rule.purpose))
        problems.push(`recipient ${recipient.id}: ${rule.purpose} is not a consent purpose, so CONSENT cannot be its legal basis`);
      if (rule.legalBasis !== 'CONSENT' && isConsentPurpose(rule.purpose) && recipient.country !== HOME_COUNTRY) {
        problems.push(`recipient ${recipient.id}: a transfer abroad must rest on consent`);
      }
    }
    for (const field of Object.keys(recipient.fieldMap)) {
      if (!recipient.purposes.some((rule) => rule.fields.includes(field)))
        problems.push(`recipient ${recipient.id}: field_map names ${field}, which no purpose allows`);
    }
  }
  return problems;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

function parsesAsX509(pem: string): boolean {
  try {
    return new X509Certificate(pem).raw.length > 0;
  } catch {
    return false;
  }
}

/**
 * Reads a recipient's `ca_file` once, at boot: the PEM certificates it holds
 * (a bundle is allowed), each of which must parse as X.509. A missing or
 * unreadable file, or one with no certificate, is a problem naming the recipient.
 */
function readCa(recipientId: string, file: string, problems: string[]): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    problems.push(`recipient ${recipientId}: ca_file ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`}`);
    return undefined;
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (!blocks.length) {
    problems.push(`recipient ${recipientId}: ca_file ${file} is not a PEM certificate (no BEGIN CERTIFICATE block)`);
    return undefined;
  }
  const bad = blocks.findIndex((block) => !parsesAsX509(block));
  if (bad >= 0) {
    problems.push(`recipient ${recipientId}: ca_file ${file} is not a PEM certificate (certificate ${bad + 1} does not parse)`);
    return undefined;
  }
  return `${blocks.join('\n')}\n`;
}

export function buildRegistry(recipients: Recipient[]): RecipientRegistry {
  const byId = new Map(recipients.map((recipient) => [recipient.id, recipient]));
  return {
    recipients,
    find: (id) => byId.get(id),
    rule: (recipientId, purpose) => byId.get(recipientId)?.purposes.find((rule) => rule.purpose === purpose),
  };
}

/**
 * Loads and validates the checked-in registry (`config/recipients.yaml`).
 * Any problem stops the boot with every problem named.
 */
export function loadRecipientRegistry(file: string, env: Record<string, string | undefined>): RecipientRegistry {
  const problems: string[] = [];
  const raw = substitute(parse(readFileSync(file, 'utf8')), env, problems);
  const schema = plainToInstance(RegistrySchema, raw, { exposeDefaultValues: true });
  problems.push(...flatten(validateSync(schema as object, { forbidUnknownValues: true })));
  if (problems.length) throw new RegistryError(file, problems);
  const recipients: Recipient[] = schema.recipients.map((recipient) => ({
    id: recipient.id,
    legalEntity: recipient.legal_entity,
    country: recipient.country,
    endpoint: {
      kind: recipient.endpoint.kind,
      url: recipient.endpoint.url,
      timeoutMs: recipient.endpoint.timeout_ms,
      idempotent: recipient.endpoint.idempotent,
      // `${VAR:-}` leaves an empty ca_file: no private CA.
      caFile: recipient.endpoint.ca_file || undefined,
    },
    fieldMap: recipient.field_map ?? {},
    purposes: recipient.purposes.map((rule) => ({
      purpose: rule.purpose as DisclosurePurpose,
      legalBasis: rule.legal_basis as LegalBasis,
      fields: [...new Set(rule.fields)],
    })),
  }));
  problems.push(...semanticProblems(recipients));
  if (problems.length) throw new RegistryError(file, problems);
  for (const recipient of recipients) {
    if (recipient.endpoint.caFile) recipient.endpoint.ca = readCa(recipient.id, recipient.endpoint.caFile, problems);
  }
  if (problems.length) throw new RegistryError(file, problems);
  return buildRegistry(recipients);
}
