import { believableDispatch } from './cartoncloud-sandbox.http.js';
import type { SandboxOrders } from './cartoncloud-sandbox.orders.js';
import type { Json, SandboxStore } from './cartoncloud-sandbox.store.js';

/**
 * The demo's warehouse at work: orders start packing after half of `dispatchAfterMs` and are dispatched after
 * all of it (age by the sandbox clock), with a believable carrier, tracking number and package count.
 */
export function progressDemoOrders(store: SandboxStore, orders: SandboxOrders, now: number, dispatchAfterMs: number, random: () => number): void {
  for (const tenant of store.tenants.values()) {
    for (const order of tenant.orders.values()) {
      const age = now - Date.parse(((order.timestamps as Json).created as Json).time as string);
      if (order.status === 'AWAITING_PICK_AND_PACK' && age >= dispatchAfterMs / 2) orders.startPacking(order.id as string);
      if (order.status === 'PACKING_IN_PROGRESS' && age >= dispatchAfterMs) orders.dispatch(order.id as string, believableDispatch(order, random));
    }
  }
}
