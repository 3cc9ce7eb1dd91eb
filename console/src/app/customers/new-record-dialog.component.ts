import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { firstValueFrom } from 'rxjs';
import { CreateCustomerGQL, CreateWarehouseGQL } from '../graphql/generated';
import { applyServerErrors } from '../shared/api-errors';

export interface NewRecordDialogData {
  kind: 'customer' | 'warehouse';
  /** warehouses a new customer may be given */
  warehouses: { id: string; name: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidValidator = Validators.pattern(UUID);

/**
 * Adds a customer or a warehouse by hand, for what the CartonCloud import cannot bring (CartonCloud has no
 * warehouse list endpoint: warehouse ids come from its web app). Server field errors land under the input.
 */
@Component({
  selector: 'cv-new-record-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.kind === 'customer' ? 'New customer' : 'New warehouse' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <p class="hint">{{ hint }}</p>
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" autocomplete="off" cdkFocusInitial />
          @if (form.controls.name.hasError('required')) {
            <mat-error>A name is required.</mat-error>
          } @else if (form.controls.name.hasError('server')) {
            <mat-error>{{ form.controls.name.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ data.kind === 'customer' ? 'CartonCloud customer id' : 'CartonCloud warehouse id' }}</mat-label>
          <input matInput [formControlName]="idControl" autocomplete="off" placeholder="3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f" />
          @if (form.get(idControl)?.hasError('required')) {
            <mat-error>The CartonCloud id is required.</mat-error>
          } @else if (form.get(idControl)?.hasError('pattern')) {
            <mat-error>CartonCloud ids are UUIDs, like 3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f.</mat-error>
          } @else if (form.get(idControl)?.hasError('server')) {
            <mat-error>{{ form.get(idControl)?.getError('server') }}</mat-error>
          }
        </mat-form-field>
        @if (data.kind === 'customer') {
          <mat-form-field appearance="outline">
            <mat-label>Warehouses it may use</mat-label>
            <mat-select formControlName="warehouseIds" multiple>
              @for (w of data.warehouses; track w.id) {
                <mat-option [value]="w.id">{{ w.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-slide-toggle formControlName="selfManagedIntegrationsAllowed">Its users manage their integrations</mat-slide-toggle>
        }
        @if (problem()) {
          <p class="problem" role="alert">{{ problem() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : 'Add' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field { display: block; width: 100%; min-width: 420px; }
    .hint { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    .problem { color: var(--mat-sys-error); }
  `,
})
export class NewRecordDialogComponent {
  protected readonly data = inject<NewRecordDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<NewRecordDialogComponent, string>);
  private readonly createCustomer = inject(CreateCustomerGQL);
  private readonly createWarehouse = inject(CreateWarehouseGQL);
  protected readonly saving = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly hint =
    this.data.kind === 'customer'
      ? 'A merchant as it is set up in CartonCloud (Customers → the customer → its id).'
      : 'A warehouse of the 3PL’s CartonCloud tenant (its id is in the address bar of the warehouse’s page in CartonCloud).';
  protected readonly idControl = this.data.kind === 'customer' ? 'cartonCloudCustomerId' : 'cartonCloudWarehouseId';

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120)] }),
    cartonCloudCustomerId: new FormControl('', { nonNullable: true, validators: this.data.kind === 'customer' ? [Validators.required, uuidValidator] : [] }),
    cartonCloudWarehouseId: new FormControl('', { nonNullable: true, validators: this.data.kind === 'warehouse' ? [Validators.required, uuidValidator] : [] }),
    warehouseIds: new FormControl<string[]>([], { nonNullable: true }),
    selfManagedIntegrationsAllowed: new FormControl(false, { nonNullable: true }),
  });

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.problem.set(null);
    const v = this.form.getRawValue();
    try {
      if (this.data.kind === 'customer') {
        await firstValueFrom(
          this.createCustomer.mutate({
            variables: { input: { name: v.name, cartonCloudCustomerId: v.cartonCloudCustomerId.trim(), warehouseIds: v.warehouseIds, selfManagedIntegrationsAllowed: v.selfManagedIntegrationsAllowed } },
          }),
        );
      } else {
        await firstValueFrom(this.createWarehouse.mutate({ variables: { input: { name: v.name, cartonCloudWarehouseId: v.cartonCloudWarehouseId.trim() } } }));
      }
      this.dialogRef.close(v.name.trim());
    } catch (error) {
      const unplaced = applyServerErrors(this.form, error);
      this.problem.set(unplaced.length ? unplaced.map((p) => p.message).join(' ') : null);
    } finally {
      this.saving.set(false);
    }
  }
}
