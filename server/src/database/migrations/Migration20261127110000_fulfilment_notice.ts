import { Migration } from '@mikro-orm/migrations';

export class Migration20261127110000_fulfilment_notice extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "integrations" add column "fulfilment_notice" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "integrations" drop column "fulfilment_notice";`);
  }
}
