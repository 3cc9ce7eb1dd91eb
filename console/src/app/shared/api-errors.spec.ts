import { FormArray, FormControl, FormGroup } from '@angular/forms';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { applyServerErrors, controlPathOf, errorMessage, hasCode, problemsOf } from './api-errors';

const graphqlError = (...errors: Array<{ message: string; code: string; field?: string }>) =>
  new CombinedGraphQLErrors({ data: null, errors: errors.map((e) => ({ message: e.message, extensions: { code: e.code, ...(e.field ? { field: e.field } : {}) } })) });

describe('server errors → form fields', () => {
  it('maps the API field paths onto reactive-form control paths', () => {
    expect(controlPathOf('input.name')).toBe('name');
    expect(controlPathOf('name')).toBe('name');
    expect(controlPathOf('input.apiKey')).toBe('apiKey');
    expect(controlPathOf('input.warehouseMappings[1].warehouseId')).toBe('warehouseMappings.1.warehouseId');
    expect(controlPathOf('input.warehouseMappings[12].unleashedWarehouseCode')).toBe('warehouseMappings.12.unleashedWarehouseCode');
  });

  it('puts each BAD_USER_INPUT message on its control (rows of a form array included) and returns what fits no input', () => {
    const form = new FormGroup({
      defaultWarehouseId: new FormControl<string | null>(null),
      warehouseMappings: new FormArray([
        new FormGroup({ unleashedWarehouseCode: new FormControl('AKL'), warehouseId: new FormControl<string | null>('w1') }),
        new FormGroup({ unleashedWarehouseCode: new FormControl('SYD'), warehouseId: new FormControl<string | null>('w9') }),
      ]),
    });
    const unplaced = applyServerErrors(
      form,
      graphqlError(
        { message: 'That warehouse is not one this customer may use.', code: 'BAD_USER_INPUT', field: 'input.warehouseMappings[1].warehouseId' },
        { message: 'Connect the Unleashed account first (step 2).', code: 'BAD_USER_INPUT', field: 'id' },
      ),
    );

    expect(form.get('warehouseMappings.1.warehouseId')?.errors).toEqual({ server: 'That warehouse is not one this customer may use.' });
    expect(form.get('warehouseMappings.1.warehouseId')?.touched).toBe(true);
    expect(form.get('warehouseMappings.0.warehouseId')?.errors).toBeNull();
    expect(unplaced).toEqual([{ code: 'BAD_USER_INPUT', field: 'id', message: 'Connect the Unleashed account first (step 2).' }]);
  });

  it('clears a server error as soon as the user edits the field', () => {
    const form = new FormGroup({ name: new FormControl('Unleashed NZ') });
    applyServerErrors(form, graphqlError({ message: 'An integration of this customer is already called Unleashed NZ.', code: 'BAD_USER_INPUT', field: 'input.name' }));
    expect(form.controls.name.hasError('server')).toBe(true);

    form.controls.name.setValue('Unleashed NZ 2');
    expect(form.controls.name.hasError('server')).toBe(false);
  });

  it('keeps FORBIDDEN and UNLEASHED_AUTH_FAILED for the banner, with their message and code', () => {
    const form = new FormGroup({ apiKey: new FormControl('x') });
    const forbidden = graphqlError({ message: 'Ask the account owner to allow it.', code: 'FORBIDDEN', field: 'input.apiKey' });
    expect(applyServerErrors(form, forbidden)).toHaveLength(1);
    expect(form.controls.apiKey.errors).toBeNull();
    expect(errorMessage(forbidden)).toBe('Ask the account owner to allow it.');
    expect(hasCode(graphqlError({ message: 'Refused', code: 'UNLEASHED_AUTH_FAILED' }), 'UNLEASHED_AUTH_FAILED')).toBe(true);
  });

  it('describes a problem that is not a GraphQL error by its message', () => {
    expect(problemsOf(new Error('boom'))).toEqual([{ code: null, message: 'boom', field: null }]);
    expect(problemsOf(new TypeError('Failed to fetch'))[0]?.message).toContain('could not be reached');
  });
});
