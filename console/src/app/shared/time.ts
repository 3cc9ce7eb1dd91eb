import { Injectable, Pipe, PipeTransform, signal } from '@angular/core';

/** A clock signal that ticks every 15 s, so "2 minutes ago" stays true on OnPush pages. */
@Injectable({ providedIn: 'root' })
export class NowService {
  private readonly current = signal(Date.now());
  readonly now = this.current.asReadonly();
  constructor() {
    setInterval(() => this.current.set(Date.now()), 15_000);
  }
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const UTC_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

/** "just now", "4 minutes ago", "3 hours ago", else the date and time. */
export function timeAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return DATE_TIME.format(new Date(iso));
}

@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(iso: string | null | undefined): string {
    return formatDateTime(iso);
  }
}

@Pipe({ name: 'date' })
export class DatePipe implements PipeTransform {
  transform(iso: string | null | undefined, zone: 'local' | 'utc' = 'local'): string {
    if (!iso) return '—';
    return (zone === 'utc' ? UTC_DATE : DATE).format(new Date(iso));
  }
}

@Pipe({ name: 'timeAgo' })
export class TimeAgoPipe implements PipeTransform {
  transform(iso: string | null | undefined, now: number): string {
    return timeAgo(iso, now);
  }
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
}

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(cents: number, currency: string): string {
    return formatMoney(cents, currency);
  }
}
