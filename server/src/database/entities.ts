import { AlertDelivery } from '../alerts/alert-delivery.entity.js';
import { AlertSubscription } from '../alerts/alert-subscription.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { BillingLine } from '../billing/billing-line.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import { HealthCondition } from '../integrations/health-condition.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { WarehouseMapping } from '../integrations/warehouse-mapping.entity.js';
import { CreateRateLimit, CreateTurn } from '../sync/create-limiter.entity.js';
import { CreateBreakerRow } from '../sync/create-breaker.entity.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { UnleashedWebhook, UnleashedWebhookDelivery } from '../webhooks/unleashed-webhook.entity.js';
import { UnleashedCallCount } from '../usage/unleashed-call-count.entity.js';

export const entities = [Customer, Warehouse, Integration, WarehouseMapping, SyncRun, LedgerShipment, BillingLine, AuditEvent, CreateRateLimit, CreateTurn, CreateBreakerRow, AlertSubscription, AlertDelivery, HealthCondition, UnleashedWebhook, UnleashedWebhookDelivery, UnleashedCallCount];
