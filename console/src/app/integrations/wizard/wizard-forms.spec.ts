import type { IntegrationSetupFragment } from '../../graphql/generated';
import { authenticationForm, errorText, fulfilmentForm, fillOrderCreation, nameForm, orderCreationForm, skippedCodes, stepIndexOf, stepSaved, toOrderCreationInput } from './wizard-forms';

const integration = (over: Partial<IntegrationSetupFragment> = {}): IntegrationSetupFragment =>
  ({
    __typename: 'Integration',
    id: 'i1',
    name: 'NZ store',
    status: 'DRAFT',
    nextStep: 'ORDER_CREATION',
    includeComments: false,
    sendOrdersWithoutShipment: false,
    unleashedTimeZone: 'Pacific/Auckland',
    defaultWarehouse: null,
    warehouseMappings: [],
    ...over,
  }) as IntegrationSetupFragment;

describe('setup wizard: step validation', () => {
  it('step 1 needs a name of at most 80 characters, not only spaces', () => {
    const form = nameForm();
    expect(errorText(form.controls.name, 'The name')).toBe('The name is required.');
    form.controls.name.setValue('   ');
    expect(form.valid).toBe(false);
    form.controls.name.setValue('x'.repeat(81));
    expect(errorText(form.controls.name, 'The name')).toBe('The name is at most 80 characters.');
    form.controls.name.setValue('Unleashed NZ store');
    expect(form.valid).toBe(true);
  });

  it('step 2 checks the API ID is a GUID and the key has no spaces, as the user types', () => {
    const form = authenticationForm();
    form.setValue({ apiId: 'not-a-guid', apiKey: 'abc def' });
    expect(errorText(form.controls.apiId, 'The API ID')).toContain('GUID');
    expect(errorText(form.controls.apiKey, 'The API key')).toContain('no spaces');
    form.setValue({ apiId: 'D3E0A1C2-7B4F-4E8A-9C1D-2F5B6A7C8D90', apiKey: 'demoUnleashedKey+Acme/Outdoor==' });
    expect(form.valid).toBe(true);
  });

  it('a server message wins over the generic text', () => {
    const form = nameForm('Taken');
    form.controls.name.setErrors({ server: 'An integration of Acme Outdoor is already called Taken.' });
    expect(errorText(form.controls.name, 'The name')).toBe('An integration of Acme Outdoor is already called Taken.');
  });
});

describe('setup wizard: step 3 warehouses', () => {
  const unleashed = [
    { code: 'AKL', name: 'Auckland DC' },
    { code: 'MEL', name: 'Melbourne DC' },
    { code: 'SYD', name: 'Sydney DC' },
  ];

  it('has one row per Unleashed warehouse, keeping the saved choices', () => {
    const form = orderCreationForm();
    fillOrderCreation(form, integration({ nextStep: 'FULFILMENT', includeComments: false, sendOrdersWithoutShipment: true, warehouseMappings: [{ __typename: 'WarehouseMapping', unleashedWarehouseCode: 'SYD', warehouse: { __typename: 'Warehouse', id: 'w-syd', name: 'Sydney DC' } }] }), unleashed);
    expect(toOrderCreationInput(form)).toEqual({
      includeComments: false,
      sendOrdersWithoutShipment: true,
      defaultWarehouseId: null,
      warehouseMappings: [
        { unleashedWarehouseCode: 'AKL', warehouseId: null },
        { unleashedWarehouseCode: 'MEL', warehouseId: null },
        { unleashedWarehouseCode: 'SYD', warehouseId: 'w-syd' },
      ],
    });
  });

  it('copies comments by default on a first setup, and leaves orders without a shipment waiting (CONTRACT §6 default)', () => {
    const form = orderCreationForm();
    fillOrderCreation(form, integration({ nextStep: 'ORDER_CREATION', includeComments: false }), unleashed);
    expect(form.controls.includeComments.value).toBe(true);
    expect(form.controls.sendOrdersWithoutShipment.value).toBe(false);
    expect(toOrderCreationInput(form).sendOrdersWithoutShipment).toBe(false);
  });

  it('warns about the codes that would be skipped: unmapped and no default; none once there is a default', () => {
    const form = orderCreationForm();
    fillOrderCreation(form, integration(), unleashed);
    form.controls.warehouseMappings.at(0).controls.warehouseId.setValue('w-akl');
    expect(skippedCodes(form.getRawValue())).toEqual(['MEL', 'SYD']);
    form.controls.defaultWarehouseId.setValue('w-mel');
    expect(skippedCodes(form.getRawValue())).toEqual([]);
  });
});

describe('setup wizard: where to start', () => {
  it('opens the step the integration needs and marks earlier ones saved', () => {
    expect(stepIndexOf('INITIAL')).toBe(0);
    expect(stepIndexOf('AUTHENTICATION')).toBe(1);
    expect(stepIndexOf('ORDER_CREATION')).toBe(2);
    expect(stepIndexOf('FULFILMENT')).toBe(3);
    expect(stepIndexOf('COMPLETE')).toBe(3);
    expect([0, 1, 2, 3].map((i) => stepSaved('ORDER_CREATION', i))).toEqual([true, true, false, false]);
    expect([0, 1, 2, 3].map((i) => stepSaved('COMPLETE', i))).toEqual([true, true, true, true]);
    expect(stepSaved(null, 0)).toBe(false);
  });
});

describe('the fulfilment step', () => {
  it('accepts a region/city time zone and refuses anything else before the server sees it', () => {
    const form = fulfilmentForm(true, 'Pacific/Auckland');
    expect(form.valid).toBe(true);
    form.controls.unleashedTimeZone.setValue('Mars/Olympus');
    expect(form.controls.unleashedTimeZone.hasError('timeZone')).toBe(true);
    form.controls.unleashedTimeZone.setValue('UTC');
    expect(form.controls.unleashedTimeZone.hasError('timeZone')).toBe(true);
    form.controls.unleashedTimeZone.setValue('');
    expect(form.controls.unleashedTimeZone.hasError('required')).toBe(true);
  });
});
