/** `npm run schema`: writes schema.graphql from the type-graphql resolvers. */
import fs from 'node:fs';
import path from 'node:path';
import { printConveyorSchema } from './schema.js';

printConveyorSchema()
  .then((sdl) => {
    fs.writeFileSync(path.resolve('schema.graphql'), sdl);
    console.log('schema.graphql written');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
