import fs from 'node:fs';
import path from 'node:path';
import { printConveyorSchema } from './schema.js';

describe('schema.graphql', () => {
  it('is the schema the resolvers build (run `npm run schema` after changing them)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../../schema.graphql'), 'utf8');
    expect(committed).toBe(await printConveyorSchema());
  });
});
