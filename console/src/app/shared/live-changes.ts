import { DestroyRef, inject } from '@angular/core';
import { auditTime, filter, map, merge, retry, timer } from 'rxjs';
import { AttentionIntegrationEventsGQL, AttentionRunEventsGQL } from '../graphql/generated';

const FINISHED = new Set(['SUCCEEDED', 'PARTIAL', 'FAILED']);

/**
 * Calls `refresh` when something the viewer may see changed — a sync run finished, an integration changed
 * (reconfigured, health, setup) — at most once per `quietMs`. What the needs-attention badge, the inbox
 * and the admin overview use instead of polling. Must be called in an injection context; stops with it.
 */
export function onLiveChanges(refresh: () => void, quietMs = 2_000): void {
  const runs = inject(AttentionRunEventsGQL)
    .subscribe()
    .pipe(filter((r) => FINISHED.has(r.data?.syncRunUpdated.status ?? '')));
  const integrations = inject(AttentionIntegrationEventsGQL).subscribe();
  const sub = merge(runs, integrations)
    .pipe(
      map(() => undefined),
      // a dropped socket comes back (graphql-ws reconnects); keep listening after an error
      retry({ delay: () => timer(5_000) }),
      auditTime(quietMs),
    )
    .subscribe(() => refresh());
  inject(DestroyRef).onDestroy(() => sub.unsubscribe());
}
