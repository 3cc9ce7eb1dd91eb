import { Migration } from '@mikro-orm/migrations';

export class Migration20261127100000_known_warehouse_codes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "integrations" add column "known_unleashed_warehouse_codes" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "integrations" drop column "known_unleashed_warehouse_codes";`);
  }
}
