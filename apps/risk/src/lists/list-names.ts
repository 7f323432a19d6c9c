export const LIST_NAMES = ['device_block', 'ip_block', 'id_block', 'card_block', 'device_allow'] as const;
export type ListName = (typeof LIST_NAMES)[number];

/** What an entry's value is, by list: ID numbers and cards are kept only as blind indexes. */
export const LIST_VALUE_KIND: Record<ListName, 'device' | 'network' | 'id_number' | 'bank_card'> = {
  device_block: 'device',
  device_allow: 'device',
  ip_block: 'network',
  id_block: 'id_number',
  card_block: 'bank_card',
};

/** The reason code an assessment reports when a list decides it. */
export const LIST_REASONS: Record<ListName, { code: string; description: string }> = {
  device_block: { code: 'DEVICE_BLOCKED', description: 'This device is on the block list.' },
  ip_block: { code: 'IP_BLOCKED', description: 'The IP address is on the block list.' },
  id_block: { code: 'ID_NUMBER_BLOCKED', description: 'The ID number is on the block list.' },
  card_block: { code: 'CARD_BLOCKED', description: 'The bank card is on the block list.' },
  device_allow: { code: 'DEVICE_ALLOWED', description: 'This device is on the allow list, which overrides the rules and the device and IP block lists.' },
};

export function emptyListHits(): Record<ListName, boolean> {
  return { device_block: false, ip_block: false, id_block: false, card_block: false, device_allow: false };
}
