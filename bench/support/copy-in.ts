import type pg from 'pg';

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

/**
 * `COPY … FROM STDIN` on a node-postgres client without another dependency:
 * a query object in pg's "submittable" protocol that streams the chunks of
 * `source` as CopyData messages, honouring socket back-pressure.
 */
class CopyFromStdin {
  rowCount = 0;
  private resolve!: (rows: number) => void;
  private reject!: (error: Error) => void;
  private failed: Error | undefined;
  readonly done = new Promise<number>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  constructor(
    private readonly sql: string,
    private readonly source: AsyncIterable<string>,
  ) {}

  submit(connection: PgConnection): void {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: PgConnection): void {
    void this.pump(connection);
  }

  private async pump(connection: PgConnection): Promise<void> {
    try {
      for await (const chunk of this.source) {
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        if (connection.stream.writableNeedDrain) await new Promise((resolve) => connection.stream.once('drain', resolve));
      }
      connection.endCopyFrom();
    } catch (error) {
      connection.sendCopyFail(error instanceof Error ? error.message : 'source failed');
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /COPY (\d+)/.exec(message.text ?? '');
    if (match) this.rowCount = Number(match[1]);
  }

  handleError(error: Error): void {
    this.failed = error;
  }

  handleReadyForQuery(): void {
    if (this.failed) this.reject(this.failed);
    else this.resolve(this.rowCount);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

export async function copyFromStdin(client: pg.Client, sql: string, source: AsyncIterable<string>): Promise<number> {
  const copy = new CopyFromStdin(sql, source);
  void client.query(copy as unknown as pg.QueryConfig);
  return copy.done;
}

/** COPY text format: backslash is the escape character. Our values hold no tabs or newlines. */
export function copyText(value: string): string {
  return value.replaceAll('\\', '\\\\');
}
