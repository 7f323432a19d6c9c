export { createOutboxTable, dropOutboxTable } from './outbox-table.js';
export { OutboxWriter, type OutboxMessage } from './outbox-writer.js';
export { OutboxRelay, PermanentDeliveryError, type OutboxRelayOptions, type PendingMessage, type MessageHandler, type TopicHandler } from './outbox-relay.js';
export { OutboxAdmin, type DeadMessage } from './outbox-admin.js';
export { exponentialBackoff, type DeliveryPolicy } from './delivery-policy.js';
