import type { TestConveyor } from './test-conveyor.js';

/** How many SQL statements the conveyor's ORM sends while `run` runs (the N+1 tests: the same for 3 rows and for 300). */
export async function countStatements<T>(t: TestConveyor, run: () => Promise<T>): Promise<{ statements: number; value: T }> {
  const knex = t.services.orm.em.getConnection().getKnex();
  let statements = 0;
  const count = () => {
    statements += 1;
  };
  knex.on('query', count);
  try {
    const value = await run();
    return { statements, value };
  } finally {
    knex.removeListener('query', count);
  }
}
