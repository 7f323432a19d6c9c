import type { ListName } from '../../lists/list-names.js';
import type { LatLon } from '../geo/haversine.js';
import type { WindowCounts } from './velocity-windows.js';

/**
 * What the database knows about the event's device, account and IP before
 * this event: counts of *other* events per window (the feature builder adds
 * the current one), the account's last located event and list hits.
 */
export interface ObservedHistory {
  device: {
    events: WindowCounts;
    otherSubjects: WindowCounts;
    otherCards: WindowCounts;
    otherIps: WindowCounts;
    failedKyc: WindowCounts;
  };
  subject: {
    otherDevices: WindowCounts;
    otherCities: WindowCounts;
    lastLocation?: LatLon & { at: Date; source: LocationSource };
  };
  ip: { events: WindowCounts };
  listHits: ListName[];
}

export type LocationSource = 'gps' | 'ip';
