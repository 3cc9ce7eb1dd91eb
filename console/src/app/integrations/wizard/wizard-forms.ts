import { AbstractControl, FormArray, FormControl, FormGroup, ValidationErrors, Validators } from '@angular/forms';
import type { IntegrationSetupFragment, OrderCreationInput, SetupStep, UnleashedWarehouse } from '../../graphql/generated';

/** Unleashed API IDs are GUIDs (Integrations → Unleashed API Access). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function guidValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  return value && !GUID.test(value) ? { guid: true } : null;
}

export function noWhitespaceValidator(control: AbstractControl<string>): ValidationErrors | null {
  return /\s/.test((control.value ?? '').trim()) ? { whitespace: true } : null;
}

export function nameForm(name = '') {
  return new FormGroup({
    name: new FormControl(name, { nonNullable: true, validators: [Validators.required, Validators.maxLength(80), (c) => ((c.value ?? '').trim() ? null : { required: true })] }),
  });
}

export function authenticationForm(apiId = '') {
  return new FormGroup({
    apiId: new FormControl(apiId, { nonNullable: true, validators: [Validators.required, guidValidator] }),
    apiKey: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(256), noWhitespaceValidator] }),
  });
}

export type MappingRow = FormGroup<{ unleashedWarehouseCode: FormControl<string>; unleashedWarehouseName: FormControl<string>; warehouseId: FormControl<string | null> }>;

export function orderCreationForm() {
  return new FormGroup({
    includeComments: new FormControl(true, { nonNullable: true }),
    /** CONTRACT §6: a Placed order with no sales shipment is sent from its own lines (default off) */
    sendOrdersWithoutShipment: new FormControl(false, { nonNullable: true }),
    defaultWarehouseId: new FormControl<string | null>(null),
    warehouseMappings: new FormArray<MappingRow>([]),
  });
}
export type OrderCreationForm = ReturnType<typeof orderCreationForm>;

/** IANA zone names with a region (Pacific/Auckland), the shape the server accepts. */
export const TIME_ZONES: readonly string[] = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone').filter((z) => z.includes('/')) ?? [];

function timeZoneValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  if (!value) return { required: true };
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return { timeZone: true };
  }
  return value.includes('/') ? null : { timeZone: true };
}

export function fulfilmentForm(enabled = true, timeZone = 'Australia/Melbourne') {
  return new FormGroup({
    enabled: new FormControl(enabled, { nonNullable: true }),
    unleashedTimeZone: new FormControl(timeZone, { nonNullable: true, validators: [timeZoneValidator] }),
  });
}

/**
 * Fills step 3 from the integration as saved and the warehouses the Unleashed account has now: one row per
 * Unleashed warehouse code (the account's order), keeping saved choices.
 */
export function fillOrderCreation(form: OrderCreationForm, integration: IntegrationSetupFragment, unleashed: Pick<UnleashedWarehouse, 'code' | 'name'>[]): void {
  const saved = new Map(integration.warehouseMappings.map((m) => [m.unleashedWarehouseCode, m.warehouse?.id ?? null]));
  const configured = integration.nextStep !== 'AUTHENTICATION' && integration.nextStep !== 'ORDER_CREATION';
  form.controls.includeComments.setValue(configured ? integration.includeComments : true);
  form.controls.sendOrdersWithoutShipment.setValue(integration.sendOrdersWithoutShipment);
  form.controls.defaultWarehouseId.setValue(integration.defaultWarehouse?.id ?? null);
  const rows = form.controls.warehouseMappings;
  rows.clear();
  for (const warehouse of unleashed) {
    rows.push(
      new FormGroup({
        unleashedWarehouseCode: new FormControl(warehouse.code, { nonNullable: true }),
        unleashedWarehouseName: new FormControl(warehouse.name, { nonNullable: true }),
        warehouseId: new FormControl<string | null>(saved.get(warehouse.code) ?? null),
      }),
    );
  }
}

/** Codes whose shipments would be SKIPPED: no warehouse chosen and no default (mirrors the server's rule). */
export function skippedCodes(value: OrderCreationForm['value']): string[] {
  if (value.defaultWarehouseId) return [];
  return (value.warehouseMappings ?? []).filter((row) => !row.warehouseId).map((row) => row.unleashedWarehouseCode ?? '');
}

export function toOrderCreationInput(form: OrderCreationForm): OrderCreationInput {
  const value = form.getRawValue();
  return {
    includeComments: value.includeComments,
    sendOrdersWithoutShipment: value.sendOrdersWithoutShipment,
    defaultWarehouseId: value.defaultWarehouseId,
    warehouseMappings: value.warehouseMappings.map((row) => ({ unleashedWarehouseCode: row.unleashedWarehouseCode, warehouseId: row.warehouseId })),
  };
}

const ORDER: SetupStep[] = ['INITIAL', 'AUTHENTICATION', 'ORDER_CREATION', 'FULFILMENT', 'COMPLETE'];

/** Stepper index of the step the integration needs next (0–3; 3 when every step is saved). */
export function stepIndexOf(nextStep: SetupStep): number {
  return Math.min(3, Math.max(0, ORDER.indexOf(nextStep)));
}

/** Whether the step at `index` (0 name, 1 authentication, 2 order creation, 3 fulfilment) has been saved. */
export function stepSaved(nextStep: SetupStep | null, index: number): boolean {
  if (nextStep === null) return false;
  return ORDER.indexOf(nextStep) > index;
}

/** The message for a control's first error, for `<mat-error>`. */
export function errorText(control: AbstractControl, label: string): string {
  const errors = control.errors ?? {};
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `${label} is required.`;
  if (errors['maxlength']) return `${label} is at most ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters.`;
  if (errors['guid']) return 'The API ID is a GUID like 1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f.';
  if (errors['whitespace']) return 'An API key has no spaces: copy it again from Unleashed.';
  return `${label} is not valid.`;
}
