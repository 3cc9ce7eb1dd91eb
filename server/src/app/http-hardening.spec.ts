import fs from 'node:fs';
import path from 'node:path';
import { KNOWN_OPERATIONS, operationLabel } from './http-hardening.js';

function consoleOperationNames(): string[] {
  const names: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name.endsWith('.graphql')) {
        for (const match of fs.readFileSync(path.join(dir, entry.name), 'utf8').matchAll(/^(?:query|mutation|subscription)\s+(\w+)/gm)) names.push(match[1]!);
      }
    }
  };
  walk(path.resolve(__dirname, '../../../console/src/app'));
  return [...new Set(names)].sort();
}

describe('the GraphQL metric operation label', () => {
  it("knows exactly the console's operations (add a new console operation to KNOWN_OPERATIONS)", () => {
    expect([...KNOWN_OPERATIONS].sort()).toEqual(consoleOperationNames());
  });

  it('labels any other name "other", so a client cannot create series at will', () => {
    expect(operationLabel('IntegrationDetail')).toBe('IntegrationDetail');
    expect(operationLabel('Flood1234')).toBe('other');
    expect(operationLabel(null)).toBe('anonymous');
  });
});
