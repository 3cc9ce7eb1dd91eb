import { TestBed } from '@angular/core/testing';
import { ApplicationRef, provideZonelessChangeDetection } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { firstValueFrom } from 'rxjs';
import { CreateWarehouseDocument } from '../graphql/generated';
import { click, formField, settle, typeInto } from '../../testing/dom';
import { NewWarehouseDialogComponent } from './new-warehouse-dialog.component';

describe('NewWarehouseDialogComponent', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [provideZonelessChangeDetection()] }));
  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  const settled = () => settle(TestBed.inject(ApplicationRef));

  it('checks the CartonCloud id as you type, shows the server’s field error under it, and closes with the name once added', async () => {
    const ref = TestBed.inject(MatDialog).open(NewWarehouseDialogComponent);
    const closed = firstValueFrom(ref.afterClosed());
    await settled();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container')!;
    expect(dialog.querySelector('h2')?.textContent).toBe('New warehouse');
    const controller = TestBed.inject(ApolloTestingController);

    typeInto(dialog, 'Name', 'Perth DC');
    typeInto(dialog, 'CartonCloud warehouse id', 'not-a-uuid');
    click(dialog, 'Add');
    await settled();
    controller.expectNone(CreateWarehouseDocument);
    expect(formField(dialog, 'CartonCloud warehouse id').querySelector('mat-error')?.textContent?.trim()).toBe('CartonCloud ids are UUIDs, like 3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f.');

    typeInto(dialog, 'CartonCloud warehouse id', '0b7c9a3e-1f2d-4e5a-8b6c-7d8e9f0a1b2c');
    click(dialog, 'Add');
    await settled();
    const taken = controller.expectOne(CreateWarehouseDocument);
    expect(taken.operation.variables).toEqual({ input: { name: 'Perth DC', cartonCloudWarehouseId: '0b7c9a3e-1f2d-4e5a-8b6c-7d8e9f0a1b2c' } });
    taken.graphqlErrors([{ message: 'A warehouse with this CartonCloud id already exists.', extensions: { code: 'BAD_USER_INPUT', field: 'input.cartonCloudWarehouseId' } }]);
    await settled();
    expect(formField(dialog, 'CartonCloud warehouse id').querySelector('mat-error')?.textContent?.trim()).toBe('A warehouse with this CartonCloud id already exists.');

    typeInto(dialog, 'CartonCloud warehouse id', '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6');
    click(dialog, 'Add');
    await settled();
    controller.expectOne(CreateWarehouseDocument).flush({ data: { createWarehouse: { __typename: 'Warehouse', id: 'w-per', name: 'Perth DC', cartonCloudWarehouseId: '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' } } });
    expect(await closed).toBe('Perth DC');
  });
});
