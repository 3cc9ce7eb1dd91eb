import { Injectable, inject, signal } from '@angular/core';
import { NeedsAttentionBadgeGQL } from '../graphql/generated';
import { onLiveChanges } from '../shared/live-changes';

/**
 * How many shipments need a person, for the navigation badge: asked once, then again when a sync run
 * finishes or an integration changes (live, debounced; never polled), and after the inbox sends some again.
 */
@Injectable({ providedIn: 'root' })
export class AttentionBadgeStore {
  private readonly query = inject(NeedsAttentionBadgeGQL);
  private readonly current = signal<number | null>(null);
  readonly count = this.current.asReadonly();

  constructor() {
    onLiveChanges(() => this.refresh());
    this.refresh();
  }

  refresh(): void {
    this.query.fetch({ fetchPolicy: 'network-only' }).subscribe({
      next: (r) => this.current.set(r.data?.needsAttentionCount ?? null),
      error: () => undefined, // the badge keeps its last count; the page itself reports errors
    });
  }
}
