import type { EntityManager } from '@mikro-orm/postgresql';
import { HealthCondition } from '../src/integrations/health-condition.entity.js';
import type { HealthConditionCode } from '../src/integrations/health-conditions.js';

/** The open conditions of an integration (null: the deployment's), as `code → message`, for assertions. */
export async function openConditions(em: EntityManager, integrationId: string | null): Promise<Partial<Record<HealthConditionCode, string>>> {
  const rows = await em.fork().find(HealthCondition, { integrationId, clearedAt: null });
  return Object.fromEntries(rows.map((c) => [c.code, c.message]));
}
