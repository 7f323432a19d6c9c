/** What the shipped IP databases say about an address. */
export interface IpLocation {
  /** ISO 3166 alpha-2, or '' when unknown. */
  countryCode: string;
  province: string;
  city: string;
  isp: string;
  /** Loopback, private, CGNAT or link-local: says nothing about where the user is. */
  isPrivate: boolean;
  /** A cloud or hosting network rather than a home or mobile one. */
  isDatacenter: boolean;
  /** Coordinates only when the database knows the city; country centroids are useless for distances. */
  lat?: number;
  lon?: number;
  timezone?: string;
}

/** Port: IP → location, from databases shipped in registry packages (nothing downloaded at run time). */
export abstract class IpGeolocator {
  abstract locate(ip: string): IpLocation;
}

/** The key velocity counts cities by: province and city, or '' when the city is unknown. */
export function cityKeyOf(location: IpLocation): string {
  if (location.isPrivate || !location.city) return '';
  return `${location.countryCode}|${location.province}|${location.city}`;
}
