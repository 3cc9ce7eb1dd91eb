import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { ConfigureOrderCreationDocument, IntegrationSetupFragment, PreviewOrderCreationDocument, UnleashedWarehousesDocument } from '../../../graphql/generated';
import { buttonNamed, choose, click, formField, settle } from '../../../../testing/dom';
import { setupOf } from '../../../../testing/setup-wizard.fixtures';
import { OrderCreationStepComponent } from './order-creation-step.component';

const WAREHOUSES = [
  { __typename: 'Warehouse' as const, id: 'w-syd', name: 'Sydney DC' },
  { __typename: 'Warehouse' as const, id: 'w-akl', name: 'Auckland DC' },
  { __typename: 'Warehouse' as const, id: 'w-mel', name: 'Melbourne DC' },
];
const NEEDS_ORDER_CREATION = setupOf({ nextStep: 'ORDER_CREATION', customer: { __typename: 'Customer', id: 'c-acme', name: 'Acme Outdoor', selfManagedIntegrationsAllowed: true, warehouses: WAREHOUSES } });
const UNLEASHED = [
  { __typename: 'UnleashedWarehouse' as const, code: 'SYD', name: 'Sydney', isDefault: false },
  { __typename: 'UnleashedWarehouse' as const, code: 'AKL', name: 'Auckland', isDefault: true },
  { __typename: 'UnleashedWarehouse' as const, code: 'MEL', name: 'Melbourne', isDefault: false },
];

describe('OrderCreationStepComponent (step 3)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, OrderCreationStepComponent],
      providers: [provideZonelessChangeDetection()],
    });
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function render(integration: IntegrationSetupFragment) {
    const fixture = TestBed.createComponent(OrderCreationStepComponent);
    fixture.componentRef.setInput('integration', integration);
    const done: IntegrationSetupFragment[] = [];
    fixture.componentInstance.done.subscribe((i) => done.push(i));
    await settle(fixture);
    const controller = TestBed.inject(ApolloTestingController);
    const openStep = async () => {
      fixture.componentRef.setInput('selected', true);
      await settle(fixture);
    };
    return { fixture, root: fixture.nativeElement as HTMLElement, controller, done, openStep, settle: () => settle(fixture) };
  }

  const skippedWarning = (root: HTMLElement) => root.querySelector('[data-testid="skipped-warning"]')?.textContent ?? null;

  it("reads the account's Unleashed warehouses when opened: one row each, and a warning for the codes that would be skipped", async () => {
    const { root, controller, done, openStep, settle } = await render(NEEDS_ORDER_CREATION);
    controller.expectNone(UnleashedWarehousesDocument);
    await openStep();
    const read = controller.expectOne(UnleashedWarehousesDocument);
    expect(read.operation.variables).toEqual({ integrationId: NEEDS_ORDER_CREATION.id });
    read.flush({ data: { unleashedWarehouses: UNLEASHED } });
    await settle();

    expect([...root.querySelectorAll('.mapping .mono')].map((c) => c.textContent)).toEqual(['AKL', 'MEL', 'SYD']);
    expect(skippedWarning(root)).toContain('Shipments from AKL, MEL, SYD will be skipped.');
    expect(root.querySelectorAll('.skip-tag').length).toBe(3);

    await choose(root, 'CartonCloud warehouse for AKL', 'Auckland DC', settle);
    await choose(root, 'CartonCloud warehouse for SYD', 'Sydney DC', settle);
    expect(skippedWarning(root)).toContain('Shipments from MEL will be skipped.');

    await choose(root, 'Default CartonCloud warehouse', 'Melbourne DC', settle);
    expect(skippedWarning(root)).toBeNull();
    expect(root.querySelectorAll('.skip-tag').length).toBe(0);
    // the row's "default" choice names the default warehouse
    await choose(root, 'CartonCloud warehouse for MEL', 'Use the default (Melbourne DC)', settle);

    click(root, 'Save and continue');
    await settle();
    const save = controller.expectOne(ConfigureOrderCreationDocument);
    expect(save.operation.variables).toEqual({
      id: NEEDS_ORDER_CREATION.id,
      input: {
        includeComments: true,
        sendOrdersWithoutShipment: false,
        defaultWarehouseId: 'w-mel',
        warehouseMappings: [
          { unleashedWarehouseCode: 'AKL', warehouseId: 'w-akl' },
          { unleashedWarehouseCode: 'MEL', warehouseId: null },
          { unleashedWarehouseCode: 'SYD', warehouseId: 'w-syd' },
        ],
      },
    });
    const saved = setupOf({ nextStep: 'FULFILMENT' });
    save.flush({ data: { configureOrderCreation: saved } });
    await settle();
    expect(done).toEqual([saved]);
  });

  it("puts the server's error about one mapping under that row's picker", async () => {
    const { root, controller, done, openStep, settle } = await render(NEEDS_ORDER_CREATION);
    await openStep();
    controller.expectOne(UnleashedWarehousesDocument).flush({ data: { unleashedWarehouses: UNLEASHED } });
    await settle();
    click(root, 'Save and continue');
    await settle();
    controller.expectOne(ConfigureOrderCreationDocument).graphqlErrors([
      { message: 'Acme Outdoor may not use this warehouse.', extensions: { code: 'BAD_USER_INPUT', field: 'input.warehouseMappings[1].warehouseId' } },
    ]);
    await settle();
    expect(formField(root, 'CartonCloud warehouse for MEL').querySelector('mat-error')?.textContent?.trim()).toBe('Acme Outdoor may not use this warehouse.');
    expect(formField(root, 'CartonCloud warehouse for AKL').querySelector('mat-error')).toBeNull();
    expect(root.querySelector('[data-testid="step-problems"]')).toBeNull();
    expect(done).toEqual([]);
  });

  it('says why when the Unleashed warehouses cannot be read, will not save until they are, and reads them again on Try again', async () => {
    const { root, controller, openStep, settle } = await render(NEEDS_ORDER_CREATION);
    await openStep();
    controller.expectOne(UnleashedWarehousesDocument).graphqlErrors([{ message: 'Unleashed could not be reached to check this (it did not answer properly). Nothing was changed; try again in a minute.', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }]);
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The Unleashed warehouses could not be read: Unleashed could not be reached');
    expect(buttonNamed(root, 'Save and continue')?.disabled).toBe(true);

    click(root, 'Try again');
    await settle();
    controller.expectOne(UnleashedWarehousesDocument).flush({ data: { unleashedWarehouses: UNLEASHED } });
    await settle();
    expect(root.querySelectorAll('.mapping').length).toBe(3);
    expect(buttonNamed(root, 'Save and continue')?.disabled).toBe(false);
  });

  it('keeps the saved choices of a configured integration, and says when the customer may use no warehouse', async () => {
    const configured = setupOf({
      status: 'ACTIVE',
      nextStep: 'COMPLETE',
      includeComments: false,
      warehouseMappings: [{ __typename: 'WarehouseMapping', unleashedWarehouseCode: 'SYD', warehouse: { __typename: 'Warehouse', id: 'w-syd', name: 'Sydney DC' } }],
    });
    const { root, controller, openStep, settle } = await render(configured);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Acme Outdoor may not use any CartonCloud warehouse yet');
    await openStep();
    controller.expectOne(UnleashedWarehousesDocument).flush({ data: { unleashedWarehouses: UNLEASHED } });
    await settle();
    click(root, 'Save and continue');
    await settle();
    const save = controller.expectOne(ConfigureOrderCreationDocument);
    expect(save.operation.variables['input']).toEqual({
      includeComments: false,
      sendOrdersWithoutShipment: false,
      defaultWarehouseId: null,
      warehouseMappings: [
        { unleashedWarehouseCode: 'AKL', warehouseId: null },
        { unleashedWarehouseCode: 'MEL', warehouseId: null },
        { unleashedWarehouseCode: 'SYD', warehouseId: 'w-syd' },
      ],
    });
    save.flush({ data: { configureOrderCreation: configured } });
    await settle();
  });

  it('previews the settings on screen before they are saved, and forgets the preview when they change', async () => {
    const { root, controller, openStep, settle } = await render(NEEDS_ORDER_CREATION);
    await openStep();
    controller.expectOne(UnleashedWarehousesDocument).flush({ data: { unleashedWarehouses: UNLEASHED } });
    await settle();
    await choose(root, 'CartonCloud warehouse for AKL', 'Auckland DC', settle);
    click(root, 'Preview');
    await settle();
    const asked = controller.expectOne(PreviewOrderCreationDocument);
    expect(asked.operation.variables).toEqual({
      integrationId: NEEDS_ORDER_CREATION.id,
      input: {
        includeComments: true,
        sendOrdersWithoutShipment: false,
        defaultWarehouseId: null,
        warehouseMappings: [
          { unleashedWarehouseCode: 'AKL', warehouseId: 'w-akl' },
          { unleashedWarehouseCode: 'MEL', warehouseId: null },
          { unleashedWarehouseCode: 'SYD', warehouseId: null },
        ],
      },
    });
    const row = (orderNumber: string, outcome: string, warehouse: string | null, reason: string | null) => ({
      __typename: 'OrderCreationPreviewRow' as const,
      customerReference: `${orderNumber} | SS-1`,
      orderNumber,
      shipmentNumber: 'SS-1',
      unleashedWarehouseCode: 'AKL',
      warehouse: warehouse ? { __typename: 'Warehouse' as const, id: 'w-akl', name: warehouse } : null,
      outcome,
      reason,
      unknownProductCodes: outcome === 'REJECT' ? ['ZZZ-1'] : [],
      productsChecked: true,
    });
    asked.flush({
      data: {
        previewOrderCreation: [
          row('SO-2', 'CREATE', 'Auckland DC', null),
          row('SO-1', 'REJECT', 'Auckland DC', 'CartonCloud does not know ZZZ-1 for Acme Outdoor: the sale order would be created as REJECTED.'),
        ],
      },
    });
    await settle();
    expect(root.querySelector('[data-testid="preview-summary"]')?.textContent).toContain('Dry run of the 2 newest Placed order shipments with these settings: 1 would be created, 1 rejected for unknown products. Nothing was sent or saved.');
    expect(root.querySelector('[data-testid="preview-SO-1"]')?.textContent).toContain('Would be rejected');
    expect(root.querySelector('[data-testid="preview-SO-1"]')?.textContent).toContain('CartonCloud does not know ZZZ-1');
    controller.expectNone(ConfigureOrderCreationDocument); // nothing saved

    await choose(root, 'Default CartonCloud warehouse', 'Melbourne DC', settle);
    expect(root.querySelector('[data-testid="preview-summary"]')).toBeNull();
  });

  it('offers "Send orders without a shipment" with a plain explanation, says when the account has Order Management off, and saves the choice', async () => {
    const omOff = setupOf({ ...NEEDS_ORDER_CREATION, unleashedOrderManagement: false });
    const { root, controller, openStep, settle } = await render(omOff);
    await openStep();
    controller.expectOne(UnleashedWarehousesDocument).flush({ data: { unleashedWarehouses: UNLEASHED } });
    await settle();
    const box = [...root.querySelectorAll('mat-checkbox')].find((c) => c.textContent?.includes('Send orders without a shipment'))!;
    const input = box.querySelector('input') as HTMLInputElement;
    expect(input.checked).toBe(false);
    const hint = root.querySelector(`#${input.getAttribute('aria-describedby')}`)!.textContent!;
    expect(hint).toContain('With Order Management off');
    expect(hint).toContain('the order number as its reference');
    expect(hint).toContain('This Unleashed account has Order Management off.');

    input.click();
    await settle();
    click(root, 'Save and continue');
    await settle();
    const save = controller.expectOne(ConfigureOrderCreationDocument);
    expect(save.operation.variables['input']).toMatchObject({ sendOrdersWithoutShipment: true, includeComments: true });
    save.flush({ data: { configureOrderCreation: setupOf({ nextStep: 'FULFILMENT', sendOrdersWithoutShipment: true }) } });
    await settle();
  });

  it('does not ask Unleashed before the credentials are saved', async () => {
    const { controller, openStep } = await render(setupOf({ nextStep: 'AUTHENTICATION' }));
    await openStep();
    controller.expectNone(UnleashedWarehousesDocument);
  });
});
