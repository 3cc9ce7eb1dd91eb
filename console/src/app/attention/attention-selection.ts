/** The inbox's selection: only shipments a retry can help may be chosen; "select all shown" takes those. */
export interface Selectable {
  id: string;
  retryable: boolean;
}

/** The ids of the shown shipments that may be sent again. */
export function retryableIds(items: readonly Selectable[]): string[] {
  return items.filter((item) => item.retryable).map((item) => item.id);
}

/** The selection kept to what is shown and retryable (a refetch may have taken some away). */
export function keepShown(selected: ReadonlySet<string>, items: readonly Selectable[]): Set<string> {
  const allowed = new Set(retryableIds(items));
  return new Set([...selected].filter((id) => allowed.has(id)));
}

/** Whether "select all shown" is off, partly on or on. */
export function allState(selected: ReadonlySet<string>, items: readonly Selectable[]): 'none' | 'some' | 'all' {
  const ids = retryableIds(items);
  const chosen = ids.filter((id) => selected.has(id)).length;
  if (chosen === 0) return 'none';
  return chosen === ids.length ? 'all' : 'some';
}

/** One shipment chosen or not. */
export function toggled(selected: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
