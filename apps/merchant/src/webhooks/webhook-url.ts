import { DomainError } from '#libs/errors';
import { isIP } from 'node:net';

const PRIVATE_V4 = [
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, cloud metadata
  [0x00000000, 8], // "this" network
  [0x64400000, 10], // carrier-grade NAT
] as const;

function isPrivateV4(address: string): boolean {
  const value = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  return PRIVATE_V4.some(([network, bits]) => value >>> (32 - bits) === network >>> (32 - bits));
}

function isPrivateHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) === 4) return isPrivateV4(bare);
  if (isIP(bare) === 6) return bare === '::1' || bare === '::' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare) || bare.startsWith('::ffff:');
  return bare === 'localhost' || /\.(localhost|local|internal|lan|home\.arpa)$/.test(bare) || !bare.includes('.');
}

/**
 * A merchant's webhook URL: http(s) only, no credentials in it, and (unless
 * allowed, as in development) no loopback, private or link-local target, so
 * a merchant cannot point our servers at our own network. Names are not
 * resolved here; production deployments also egress through a proxy.
 */
export function readWebhookUrl(input: string, options: { allowPrivateTargets: boolean; requireHttps: boolean }): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new DomainError('WEBHOOK_URL_INVALID', 'The webhook URL is not a URL', [
      { field: 'url', code: 'WEBHOOK_URL_INVALID', message: 'url is not an absolute URL' },
    ]);
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !options.requireHttps))
    problems.push(options.requireHttps ? 'url must use https' : 'url must use http or https');
  if (url.username || url.password) problems.push('url must not carry credentials');
  if (url.hash) problems.push('url must not have a fragment');
  if (input.length > 2048) problems.push('url must be at most 2048 characters');
  if (problems.length > 0)
    throw new DomainError(
      'WEBHOOK_URL_INVALID',
      'The webhook URL is not acceptable',
      problems.map((message) => ({ field: 'url', code: 'WEBHOOK_URL_INVALID', message })),
    );
  if (!options.allowPrivateTargets && isPrivateHost(url.hostname))
    throw new DomainError('WEBHOOK_URL_NOT_ALLOWED', 'The webhook URL points at a private or loopback address', [
      { field: 'url', code: 'WEBHOOK_URL_NOT_ALLOWED', message: 'url must be a public address' },
    ]);
  return url.toString();
}
