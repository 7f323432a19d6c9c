import { describe, expect, it } from 'vitest';
import { GeoIpLocator } from './geoip-locator.js';

describe('GeoIpLocator (shipped databases)', () => {
  const locator = new GeoIpLocator();

  it('locates Chinese addresses to the city, with operator and coordinates', () => {
    const shenzhen = locator.locate('120.24.78.68');
    expect(shenzhen).toMatchObject({
      countryCode: 'CN',
      province: '广东省',
      city: '深圳市',
      isp: '阿里云',
      isDatacenter: true,
      isPrivate: false,
      timezone: 'Asia/Shanghai',
    });
    expect(shenzhen.lat).toBeCloseTo(22.5, 0);
  });

  it('knows foreign and IPv6 addresses', () => {
    expect(locator.locate('8.8.8.8')).toMatchObject({ countryCode: 'US', isPrivate: false });
    expect(locator.locate('240e:47d:c20:1627:30a3:ba0d:a5e6:ec19')).toMatchObject({ countryCode: 'CN', province: '广东省' });
  });

  it('says nothing about private addresses', () => {
    for (const ip of ['10.1.2.3', '192.168.1.1', '127.0.0.1', '100.64.1.1', '::1', 'fd00::1']) {
      expect(locator.locate(ip)).toEqual({ countryCode: '', province: '', city: '', isp: '', isPrivate: true, isDatacenter: false });
    }
  });
});
