import type { Json, SandboxTenant } from './cartoncloud-sandbox.store.js';

/**
 * The sandbox's warehouse products as the API returns them ("Warehouse Products > Search Warehouse
 * Products", api-docs.cartoncloud.com): `{id, scope, name, type, references{code, barcode}, customer,
 * details{active}, unitOfMeasures, …}`, oldest first. Built from the customers' catalogues on each search.
 */
export function warehouseProducts(tenant: SandboxTenant): Map<string, Json> {
  const documents = new Map<string, Json>();
  for (const customer of tenant.customers.values()) {
    for (const product of customer.products.values()) {
      documents.set(product.id, {
        id: product.id,
        scope: 'WAREHOUSE',
        name: product.name,
        type: 'GENERAL',
        references: { code: product.code, ...(product.barcode ? { barcode: product.barcode } : {}) },
        customer: { enabled: true, name: customer.name, references: { code: customer.code }, id: customer.id },
        details: { active: true },
        itemPropertyRequirements: {},
        defaultUnitOfMeasure: 'units',
        unitOfMeasures: { units: { baseQty: 1 } },
      });
    }
  }
  return documents;
}

/** The documented search keys of warehouse products ("Currently these keys are available for search"). */
export const warehouseProductPointers = new Set([
  '/id',
  '/code',
  '/name',
  '/customer/id',
  '/customer/name',
  '/details/active',
  '/timestamps/created/time',
  '/timestamps/modified/time',
]);

/** What a product search compares: the documented key `/code` is the product's `references.code`. */
export function searchableProduct(document: Json): Json {
  return { ...document, code: (document.references as Json).code };
}
