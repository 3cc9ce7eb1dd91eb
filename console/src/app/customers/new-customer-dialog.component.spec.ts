import { TestBed } from '@angular/core/testing';
import { ApplicationRef, provideZonelessChangeDetection } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { firstValueFrom } from 'rxjs';
import { CreateCustomerDocument } from '../graphql/generated';
import { choose, click, formField, settle, typeInto } from '../../testing/dom';
import { NewCustomerDialogComponent, type NewCustomerDialogData } from './new-customer-dialog.component';

const WAREHOUSES = [
  { id: 'w-akl', name: 'Auckland DC' },
  { id: 'w-syd', name: 'Sydney DC' },
];

describe('NewCustomerDialogComponent', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [provideZonelessChangeDetection()] }));
  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  const settled = () => settle(TestBed.inject(ApplicationRef));

  it('adds a customer with its CartonCloud id, the warehouses it may use and whether its users manage their integrations', async () => {
    const ref = TestBed.inject(MatDialog).open<NewCustomerDialogComponent, NewCustomerDialogData, string>(NewCustomerDialogComponent, { data: { warehouses: WAREHOUSES } });
    const closed = firstValueFrom(ref.afterClosed());
    await settled();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container')!;
    expect(dialog.querySelector('h2')?.textContent).toBe('New customer');
    const controller = TestBed.inject(ApolloTestingController);

    click(dialog, 'Add');
    await settled();
    controller.expectNone(CreateCustomerDocument);
    expect(formField(dialog, 'Name').querySelector('mat-error')?.textContent?.trim()).toBe('A name is required.');
    expect(formField(dialog, 'CartonCloud customer id').querySelector('mat-error')?.textContent?.trim()).toBe('The CartonCloud id is required.');

    typeInto(dialog, 'Name', 'Wayne Enterprises');
    typeInto(dialog, 'CartonCloud customer id', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d');
    await choose(dialog, 'Warehouses it may use', 'Sydney DC', settled);
    dialog.querySelector<HTMLButtonElement>('mat-slide-toggle button[role="switch"]')!.click();
    await settled();
    click(dialog, 'Add');
    await settled();
    const op = controller.expectOne(CreateCustomerDocument);
    expect(op.operation.variables).toEqual({
      input: { name: 'Wayne Enterprises', cartonCloudCustomerId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', warehouseIds: ['w-syd'], selfManagedIntegrationsAllowed: true },
    });
    op.flush({
      data: {
        createCustomer: {
          __typename: 'Customer',
          id: 'c-wayne',
          name: 'Wayne Enterprises',
          cartonCloudCustomerId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
          selfManagedIntegrationsAllowed: true,
          activeIntegrationCount: 0,
          hasLiveIntegration: false,
          warehouses: [{ __typename: 'Warehouse', id: 'w-syd', name: 'Sydney DC' }],
        },
      },
    });
    expect(await closed).toBe('Wayne Enterprises');
  });
});
