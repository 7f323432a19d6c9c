import { describe, expect, it } from 'vitest';
import { readWebhookUrl } from './webhook-url.js';

const production = { allowPrivateTargets: false, requireHttps: true };
const development = { allowPrivateTargets: true, requireHttps: false };

describe('readWebhookUrl', () => {
  it('accepts a public https URL and normalises it', () => {
    expect(readWebhookUrl('https://hooks.example.com/kyc?x=1', production)).toBe('https://hooks.example.com/kyc?x=1');
    expect(readWebhookUrl('HTTPS://Hooks.Example.com', production)).toBe('https://hooks.example.com/');
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'https://localhost/hook',
    'https://10.1.2.3/',
    'https://172.20.0.1/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest',
    'https://[::1]/',
    'https://[fd00::1]/',
    'https://metadata.internal/',
    'https://intranet/',
  ])('refuses the private or loopback target %s in production', (url) => {
    expect(() => readWebhookUrl(url.replace('http://', 'https://'), production)).toThrow(expect.objectContaining({ code: 'WEBHOOK_URL_NOT_ALLOWED' }));
  });

  it('refuses other schemes, credentials, plain http in production and garbage', () => {
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'https://user:pw@example.com/',
      'http://example.com/',
      'not a url',
      'https://example.com/#x',
    ])
      expect(() => readWebhookUrl(url, production)).toThrow(expect.objectContaining({ code: 'WEBHOOK_URL_INVALID' }));
  });

  it('lets development point at a local receiver over http', () => {
    expect(readWebhookUrl('http://127.0.0.1:9999/hook', development)).toBe('http://127.0.0.1:9999/hook');
  });
});
