import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The name a customer or warehouse is shown by. */
export function recordNameControl(): FormControl<string> {
  return new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120)] });
}

/** A CartonCloud id (customers and warehouses are UUIDs there). */
export function cartonCloudIdControl(): FormControl<string> {
  return new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(UUID)] });
}

/**
 * The two fields the new-customer and new-warehouse dialogs share: the name, and the record's CartonCloud id
 * checked as you type. Server field errors (`server`) show under the input they concern.
 */
@Component({
  selector: 'cv-cartoncloud-record-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>Name</mat-label>
      <input matInput [formControl]="name()" autocomplete="off" cdkFocusInitial />
      @if (name().hasError('required')) {
        <mat-error>A name is required.</mat-error>
      } @else if (name().hasError('server')) {
        <mat-error>{{ name().getError('server') }}</mat-error>
      }
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>{{ idLabel() }}</mat-label>
      <input matInput [formControl]="cartonCloudId()" autocomplete="off" placeholder="3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f" />
      @if (cartonCloudId().hasError('required')) {
        <mat-error>The CartonCloud id is required.</mat-error>
      } @else if (cartonCloudId().hasError('pattern')) {
        <mat-error>CartonCloud ids are UUIDs, like 3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f.</mat-error>
      } @else if (cartonCloudId().hasError('server')) {
        <mat-error>{{ cartonCloudId().getError('server') }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host { display: block; }
    mat-form-field { display: block; width: 100%; min-width: 420px; }
  `,
})
export class CartonCloudRecordFieldsComponent {
  readonly name = input.required<FormControl<string>>();
  readonly cartonCloudId = input.required<FormControl<string>>();
  /** "CartonCloud customer id" or "CartonCloud warehouse id" */
  readonly idLabel = input.required<string>();
}
