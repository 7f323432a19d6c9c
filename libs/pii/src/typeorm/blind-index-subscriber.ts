import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type UpdateEvent } from 'typeorm';
import { fillBlindIndexes } from './fill-blind-indexes.js';

/**
 * Keeps `<column>_bidx` in step with `<column>_enc` for writes whose values
 * are plain objects rather than entity instances, which neither the prototype
 * accessor nor the entity listener sees: `repository.save({...})`,
 * `repository.insert({...})`, `repository.update(criteria, { idNumber })`
 * and query-builder `insert().values({...})` / `update().set({...})`.
 * Without it such an update would re-encrypt the value but keep the old index.
 * Add it to the DataSource's `subscribers`.
 */
@EventSubscriber()
export class PiiBlindIndexSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<unknown>): void {
    fillBlindIndexes(event.metadata.target, event.entity);
  }

  beforeUpdate(event: UpdateEvent<unknown>): void {
    fillBlindIndexes(event.metadata.target, event.entity);
  }
}
