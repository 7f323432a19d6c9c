import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows. TypeORM's `query()` answers UPDATE and
 * DELETE with `[rows, rowCount]` but everything else with `rows`; this
 * hides the difference so `UPDATE ... RETURNING` reads like a SELECT.
 */
export async function queryRows<T>(executor: DataSource | EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result: unknown = await executor.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return (result as T[]) ?? [];
}
