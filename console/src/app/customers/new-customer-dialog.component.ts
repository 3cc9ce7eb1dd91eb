import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { firstValueFrom } from 'rxjs';
import { CreateCustomerGQL } from '../graphql/generated';
import { FormSave } from '../shared/form-save';
import { CartonCloudRecordFieldsComponent, cartonCloudIdControl, recordNameControl } from './cartoncloud-record-fields.component';

export interface NewCustomerDialogData {
  /** the warehouses the new customer may be given */
  warehouses: { id: string; name: string }[];
}

/**
 * Adds a merchant customer by hand (normally they come from the CartonCloud import): its CartonCloud id, the
 * warehouses it may use, whether its users manage their integrations. Closes with the customer's name.
 */
@Component({
  selector: 'cv-new-customer-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatSelectModule, MatSlideToggleModule, CartonCloudRecordFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>New customer</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        <p class="hint">A merchant as it is set up in CartonCloud (Customers → the customer → its id).</p>
        <cv-cartoncloud-record-fields [name]="form.controls.name" [cartonCloudId]="form.controls.cartonCloudCustomerId" idLabel="CartonCloud customer id" />
        <mat-form-field appearance="outline">
          <mat-label>Warehouses it may use</mat-label>
          <mat-select formControlName="warehouseIds" multiple>
            @for (w of data.warehouses; track w.id) {
              <mat-option [value]="w.id">{{ w.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-slide-toggle formControlName="selfManagedIntegrationsAllowed">Its users manage their integrations</mat-slide-toggle>
        @if (problem()) {
          <p class="problem" role="alert">{{ problem() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="save.busy()">{{ save.busy() ? 'Saving…' : 'Add' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field { display: block; width: 100%; min-width: 420px; }
    .hint { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    .problem { color: var(--mat-sys-error); }
  `,
})
export class NewCustomerDialogComponent {
  protected readonly data = inject<NewCustomerDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<NewCustomerDialogComponent, string>);
  private readonly createCustomer = inject(CreateCustomerGQL);
  protected readonly save = new FormSave();
  protected readonly problem = computed(() => this.save.problems().map((p) => p.message).join(' ') || null);

  protected readonly form = new FormGroup({
    name: recordNameControl(),
    cartonCloudCustomerId: cartonCloudIdControl(),
    warehouseIds: new FormControl<string[]>([], { nonNullable: true }),
    selfManagedIntegrationsAllowed: new FormControl(false, { nonNullable: true }),
  });

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const input = { name: v.name, cartonCloudCustomerId: v.cartonCloudCustomerId.trim(), warehouseIds: v.warehouseIds, selfManagedIntegrationsAllowed: v.selfManagedIntegrationsAllowed };
    const created = await this.save.run(this.form, () => firstValueFrom(this.createCustomer.mutate({ variables: { input } })));
    if (created) this.dialogRef.close(v.name.trim());
  }
}
