import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { NewCustomerDialogComponent, type NewCustomerDialogData } from './new-customer-dialog.component';
import { NewWarehouseDialogComponent } from './new-warehouse-dialog.component';
import { CustomerRowFragment, CustomersGQL, ImportCustomersGQL, UpdateCustomerGQL } from '../graphql/generated';
import { errorMessage } from '../shared/api-errors';
import { PageStateComponent } from '../shared/page-state.component';
import { WatchedQuery } from '../shared/query-state';

/** Admins: every merchant customer, the warehouses it may use and whether its users manage their own integrations. */
@Component({
  selector: 'cv-customers-page',
  imports: [RouterLink, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, MatSnackBarModule, PageStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './customers-page.component.html',
  styleUrl: './customers-page.component.scss',
})
export class CustomersPageComponent {
  private readonly updateCustomer = inject(UpdateCustomerGQL);
  private readonly importCustomers = inject(ImportCustomersGQL);
  private readonly snackBar = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);
  protected readonly query = new WatchedQuery(inject(CustomersGQL));
  protected readonly search = signal('');
  protected readonly saving = signal<Record<string, boolean>>({});
  protected readonly importing = signal(false);

  protected readonly customers = computed(() => {
    const all = this.query.state().data?.customers ?? [];
    const term = this.search().trim().toLowerCase();
    const sorted = [...all].sort((a, b) => a.name.localeCompare(b.name));
    return term ? sorted.filter((c) => c.name.toLowerCase().includes(term) || c.cartonCloudCustomerId.toLowerCase().includes(term)) : sorted;
  });
  protected readonly warehouses = computed(() => [...(this.query.state().data?.warehouses ?? [])].sort((a, b) => a.name.localeCompare(b.name)));

  constructor() {
    this.query.watch({});
  }

  protected warehouseIds(customer: CustomerRowFragment): string[] {
    return customer.warehouses.map((w) => w.id);
  }

  protected onSearch(event: Event): void {
    this.search.set((event.target as HTMLInputElement).value);
  }

  protected setWarehouses(customer: CustomerRowFragment, change: MatSelectChange<string[]>): void {
    void this.save(customer, { warehouseIds: change.value }, 'Warehouses saved');
  }

  protected setSelfManaged(customer: CustomerRowFragment, change: MatSlideToggleChange): void {
    void this.save(
      customer,
      { selfManagedIntegrationsAllowed: change.checked },
      change.checked ? `${customer.name}'s users may now manage their integrations` : `${customer.name}'s users can no longer change their integrations`,
      () => (change.source.checked = !change.checked),
    );
  }

  private async save(
    customer: CustomerRowFragment,
    change: { warehouseIds?: string[]; selfManagedIntegrationsAllowed?: boolean },
    done: string,
    undo?: () => void,
  ): Promise<void> {
    this.saving.update((s) => ({ ...s, [customer.id]: true }));
    try {
      await firstValueFrom(
        this.updateCustomer.mutate({
          variables: { id: customer.id, input: { name: customer.name, cartonCloudCustomerId: customer.cartonCloudCustomerId, ...change } },
        }),
      );
      this.snackBar.open(done, undefined, { duration: 3000 });
    } catch (error) {
      undo?.();
      this.snackBar.open(`Not saved: ${errorMessage(error)}`, 'Dismiss', { duration: 8000 });
      this.query.refetch();
    } finally {
      this.saving.update((s) => ({ ...s, [customer.id]: false }));
    }
  }

  protected async importFromCartonCloud(): Promise<void> {
    this.importing.set(true);
    try {
      const result = await firstValueFrom(this.importCustomers.mutate());
      const added = result.data?.importCustomersFromCartonCloud.length ?? 0;
      this.snackBar.open(added ? `Imported ${added} customer${added === 1 ? '' : 's'} from CartonCloud` : 'Every CartonCloud customer is already here', undefined, { duration: 4000 });
      this.query.refetch();
    } catch (error) {
      this.snackBar.open(`Import failed: ${errorMessage(error)}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.importing.set(false);
    }
  }

  /** A customer added by hand (for one the CartonCloud import does not bring). */
  protected async addCustomer(): Promise<void> {
    const ref = this.dialog.open<NewCustomerDialogComponent, NewCustomerDialogData, string>(NewCustomerDialogComponent, { data: { warehouses: this.warehouses() } });
    this.added('Customer', await firstValueFrom(ref.afterClosed()));
  }

  /** A warehouse added by hand (warehouse ids cannot be imported: CartonCloud does not list them). */
  protected async addWarehouse(): Promise<void> {
    const ref = this.dialog.open<NewWarehouseDialogComponent, void, string>(NewWarehouseDialogComponent);
    this.added('Warehouse', await firstValueFrom(ref.afterClosed()));
  }

  private added(kind: 'Customer' | 'Warehouse', name: string | undefined): void {
    if (!name) return;
    this.snackBar.open(`${kind} ${name} added`, undefined, { duration: 3000 });
    this.query.refetch();
  }
}
