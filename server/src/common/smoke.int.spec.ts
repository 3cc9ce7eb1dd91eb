import pg from 'pg';
describe('test database', () => {
  it('answers a query on the shared PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    const { rows } = await client.query('select 1 + 1 as two');
    await client.end();
    expect(rows[0].two).toBe(2);
  });
});
