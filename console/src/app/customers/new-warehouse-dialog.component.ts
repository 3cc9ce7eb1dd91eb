import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { CreateWarehouseGQL } from '../graphql/generated';
import { FormSave } from '../shared/form-save';
import { CartonCloudRecordFieldsComponent, cartonCloudIdControl, recordNameControl } from './cartoncloud-record-fields.component';

/**
 * Adds a warehouse of the 3PL's CartonCloud tenant. Always by hand: CartonCloud has no warehouse list
 * endpoint, so the id comes from its web app. Closes with the warehouse's name.
 */
@Component({
  selector: 'cv-new-warehouse-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, CartonCloudRecordFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>New warehouse</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        <p class="hint">A warehouse of the 3PL’s CartonCloud tenant (its id is in the address bar of the warehouse’s page in CartonCloud).</p>
        <cv-cartoncloud-record-fields [name]="form.controls.name" [cartonCloudId]="form.controls.cartonCloudWarehouseId" idLabel="CartonCloud warehouse id" />
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
    .hint { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    .problem { color: var(--mat-sys-error); }
  `,
})
export class NewWarehouseDialogComponent {
  private readonly dialogRef = inject(MatDialogRef<NewWarehouseDialogComponent, string>);
  private readonly createWarehouse = inject(CreateWarehouseGQL);
  protected readonly save = new FormSave();
  protected readonly problem = computed(() => this.save.problems().map((p) => p.message).join(' ') || null);

  protected readonly form = new FormGroup({
    name: recordNameControl(),
    cartonCloudWarehouseId: cartonCloudIdControl(),
  });

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const input = { name: v.name, cartonCloudWarehouseId: v.cartonCloudWarehouseId.trim() };
    const created = await this.save.run(this.form, () => firstValueFrom(this.createWarehouse.mutate({ variables: { input } })));
    if (created) this.dialogRef.close(v.name.trim());
  }
}
