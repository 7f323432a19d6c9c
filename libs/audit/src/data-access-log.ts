import type { DataSource } from 'typeorm';
import { AuditRecorder } from './audit-recorder.js';

/** One staff member opening one record that holds a person's data (masked or not). */
export interface DataAccess {
  staffId: string;
  /** Whose data the record holds; the audit log keeps only a keyed hash of it. */
  subjectId: string | undefined;
  /** What was opened, e.g. `decision_detail`; and which record. */
  view: string;
  recordId: string;
}

/** Port: staff reads of personal records, on record before the data is shown. */
export abstract class DataAccessLog {
  abstract record(access: DataAccess): Promise<void>;
}

/** Writes `DATA_ACCESSED` through the service's outbox, in a transaction of its own. */
export class OutboxDataAccessLog extends DataAccessLog {
  private readonly recorder: AuditRecorder;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    super();
    this.recorder = new AuditRecorder(schema);
  }

  async record(access: DataAccess): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.recorder.record(manager, {
        type: 'DATA_ACCESSED',
        actor: { type: 'staff', id: access.staffId },
        subjectId: access.subjectId,
        payload: { view: access.view, record_id: access.recordId },
      }),
    );
  }
}
