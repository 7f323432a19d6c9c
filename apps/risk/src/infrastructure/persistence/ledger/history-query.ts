import type { ObservedHistory, LocationSource } from '../../../assessment/features/observed-history.js';
import { VELOCITY_WINDOWS, type WindowCounts } from '../../../assessment/features/velocity-windows.js';
import { LIST_NAMES, type ListName } from '../../../lists/list-names.js';

/** One item whose history is read: the keys of its event, after device resolution. */
export interface HistoryKey {
  deviceId: string;
  subjectId: string;
  ip: string;
  cardBidx: string | undefined;
  idNumberBidx: string | undefined;
  city: string;
  at: Date;
}

type Condition = (window: string) => string;

/** `name_5m, name_1h, …` columns, one aggregate per window. */
function windowed(prefix: string, aggregate: (inWindow: string) => string): string {
  return VELOCITY_WINDOWS.map((window) => `${aggregate(`e.occurred_at > i.at - interval '${window.ms} milliseconds'`)} AS ${prefix}_${window.key}`).join(
    ',\n      ',
  );
}

const count: (extra?: string) => Condition = (extra) => (inWindow) => `count(*) FILTER (WHERE ${inWindow}${extra ? ` AND ${extra}` : ''})`;
const distinct: (column: string, extra: string) => Condition = (column, extra) => (inWindow) =>
  `count(DISTINCT ${column}) FILTER (WHERE ${inWindow} AND ${extra})`;

const LONGEST = `interval '${VELOCITY_WINDOWS.at(-1)!.ms} milliseconds'`;
/**
 * Events of one key in the longest window. The upper bound only prunes the
 * partitions created ahead (an hour covers any clock skew between instances).
 */
const inRange = `e.occurred_at > i.at - ${LONGEST} AND e.occurred_at < i.at + interval '1 hour'`;

/** Newest events of one key within the longest window, capped: a hot key costs at most `$8` rows, and its counts saturate there. */
const recent = (column: string, key: string, fields: string): string =>
  `SELECT ${fields} FROM risk.velocity_events e WHERE e.${column} = ${key} AND ${inRange} ORDER BY e.occurred_at DESC LIMIT $8`;

/** Bucket counts per IP: a window includes the whole bucket its start falls in (minute buckets up to 1 h, hour buckets beyond). */
function ipBuckets(): string {
  const sums = VELOCITY_WINDOWS.map((window) => {
    const grain = window.ms <= 3_600_000 ? 'minute' : 'hour';
    return `coalesce(sum(c.events) FILTER (WHERE c.grain = '${grain[0]}' AND c.bucket >= date_trunc('${grain}', i.at - interval '${window.ms} milliseconds', 'UTC')), 0) AS ip_events_${window.key}`;
  });
  return `SELECT ${sums.join(',\n      ')}
  FROM (
    SELECT grain, bucket, events FROM risk.ip_event_counts WHERE ip = i.ip AND grain = 'm' AND bucket >= date_trunc('minute', i.at - interval '1 hour', 'UTC')
    UNION ALL
    SELECT grain, bucket, events FROM risk.ip_event_counts WHERE ip = i.ip AND grain = 'h' AND bucket >= date_trunc('hour', i.at - ${LONGEST}, 'UTC')
  ) c`;
}

const active = `l.removed_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > i.at)`;

/**
 * The whole history of a batch in one statement: per item, counts over the
 * device's and the account's recent events (others than this one), the IP's
 * event buckets, the account's last located event, and list hits. Every
 * lateral subquery is an index range scan on (key, time).
 */
export const HISTORY_SQL = `
WITH item AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::inet[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
    WITH ORDINALITY AS t(device_id, subject_id, ip, card_bidx, id_bidx, city, at, ord)
)
SELECT i.ord, d.*, s.*, p.*, loc.loc_at, loc.loc_lat, loc.loc_lon, loc.loc_source,
  ARRAY(
    SELECT l.list FROM risk.list_entries l WHERE l.list IN ('device_block', 'device_allow') AND l.value = i.device_id AND ${active}
    UNION ALL SELECT l.list FROM risk.list_entries l WHERE l.list = 'id_block' AND l.value = i.id_bidx AND ${active}
    UNION ALL SELECT l.list FROM risk.list_entries l WHERE l.list = 'card_block' AND l.value = i.card_bidx AND ${active}
    UNION ALL SELECT l.list FROM risk.list_entries l WHERE l.network >>= i.ip AND l.network IS NOT NULL AND ${active}
  ) AS list_hits
FROM item i
CROSS JOIN LATERAL (
  SELECT
      ${windowed('dev_events', count())},
      ${windowed('dev_subjects', distinct('e.subject_id', 'e.subject_id <> i.subject_id'))},
      ${windowed('dev_cards', distinct('e.card_bidx', 'e.card_bidx IS NOT NULL AND e.card_bidx IS DISTINCT FROM i.card_bidx'))},
      ${windowed('dev_ips', distinct('e.ip', 'e.ip <> i.ip'))},
      ${windowed('dev_failed', count('e.kyc_failed'))}
  FROM (${recent('device_id', 'i.device_id', 'e.occurred_at, e.subject_id, e.ip, e.card_bidx, e.kyc_failed')}) e
) d
CROSS JOIN LATERAL (
  SELECT
      ${windowed('sub_devices', distinct('e.device_id', 'e.device_id <> i.device_id'))},
      ${windowed('sub_cities', distinct('e.city', "e.city <> '' AND e.city <> i.city"))}
  FROM (${recent('subject_id', 'i.subject_id', 'e.occurred_at, e.device_id, e.city')}) e
) s
CROSS JOIN LATERAL (
  ${ipBuckets()}
) p
LEFT JOIN LATERAL (
  SELECT e.occurred_at AS loc_at, e.loc_lat, e.loc_lon, e.loc_source FROM risk.velocity_events e
  WHERE e.subject_id = i.subject_id AND ${inRange} AND e.loc_lat IS NOT NULL
  ORDER BY e.occurred_at DESC LIMIT 1
) loc ON true
ORDER BY i.ord`;

export function historyParameters(keys: readonly HistoryKey[], scanLimit: number): unknown[] {
  return [
    keys.map((key) => key.deviceId),
    keys.map((key) => key.subjectId),
    keys.map((key) => key.ip),
    keys.map((key) => key.cardBidx ?? null),
    keys.map((key) => key.idNumberBidx ?? null),
    keys.map((key) => key.city),
    keys.map((key) => key.at.toISOString()),
    scanLimit,
  ];
}

type HistoryRow = Record<string, unknown> & {
  list_hits: string[];
  loc_at: Date | null;
  loc_lat: number | null;
  loc_lon: number | null;
  loc_source: string | null;
};

function counts(row: HistoryRow, prefix: string): WindowCounts {
  const out = {} as WindowCounts;
  for (const window of VELOCITY_WINDOWS) out[window.key] = Number(row[`${prefix}_${window.key}`]);
  return out;
}

const KNOWN_LISTS = new Set<string>(LIST_NAMES);

export function toObservedHistory(row: HistoryRow): ObservedHistory {
  return {
    device: {
      events: counts(row, 'dev_events'),
      otherSubjects: counts(row, 'dev_subjects'),
      otherCards: counts(row, 'dev_cards'),
      otherIps: counts(row, 'dev_ips'),
      failedKyc: counts(row, 'dev_failed'),
    },
    subject: {
      otherDevices: counts(row, 'sub_devices'),
      otherCities: counts(row, 'sub_cities'),
      lastLocation:
        row.loc_at && row.loc_lat !== null && row.loc_lon !== null
          ? { at: row.loc_at, lat: row.loc_lat, lon: row.loc_lon, source: (row.loc_source ?? 'ip') as LocationSource }
          : undefined,
    },
    ip: { events: counts(row, 'ip_events') },
    listHits: row.list_hits.filter((list): list is ListName => KNOWN_LISTS.has(list)),
  };
}

export type { HistoryRow };
