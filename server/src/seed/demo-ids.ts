/**
 * Fixed ids of the demo data that `npm start` seeds. The development identity provider's customer
 * accounts carry these ids in their `customer_id` claim, so they must not change between starts.
 */
export const DEMO_CUSTOMER_IDS = {
  acme: 'a0000000-0000-4000-8000-000000000001',
  globex: 'a0000000-0000-4000-8000-000000000002',
} as const;

export const DEMO_WAREHOUSE_IDS = {
  melbourne: 'b0000000-0000-4000-8000-000000000001',
  sydney: 'b0000000-0000-4000-8000-000000000002',
  auckland: 'b0000000-0000-4000-8000-000000000003',
} as const;
