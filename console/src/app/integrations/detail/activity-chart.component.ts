import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DayActivity, niceMax } from './activity';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };

/** Orders synced per day and failures: a hand-drawn SVG bar chart (no chart library). */
@Component({
  selector: 'cv-activity-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart">
      <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-label]="summary()" preserveAspectRatio="xMidYMid meet">
        @for (tick of ticks(); track tick.value) {
          <line class="grid" [attr.x1]="pad.left" [attr.x2]="width - pad.right" [attr.y1]="tick.y" [attr.y2]="tick.y" />
          <text class="axis" [attr.x]="pad.left - 6" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.value }}</text>
        }
        @for (bar of bars(); track bar.date) {
          <rect class="synced" [attr.x]="bar.x" [attr.y]="bar.syncedY" [attr.width]="bar.w" [attr.height]="bar.syncedH"><title>{{ bar.label }}: {{ bar.synced }} synced</title></rect>
          <rect class="failed" [attr.x]="bar.x + bar.w + 2" [attr.y]="bar.failedY" [attr.width]="bar.w" [attr.height]="bar.failedH"><title>{{ bar.label }}: {{ bar.problems }} rejected, failed or skipped</title></rect>
          @if (bar.showLabel) {
            <text class="axis" [attr.x]="bar.x + bar.w" [attr.y]="height - 8" text-anchor="middle">{{ bar.label }}</text>
          }
        }
      </svg>
      @if (empty()) {
        <p class="empty">No shipments in the last {{ days().length }} days.</p>
      }
      <figcaption class="legend">
        <span><span class="swatch synced" aria-hidden="true"></span>Synced to CartonCloud</span>
        <span><span class="swatch failed" aria-hidden="true"></span>Rejected, failed or skipped</span>
      </figcaption>
    </figure>
  `,
  styles: `
    .chart {
      margin: 0;
    }
    svg {
      width: 100%;
      height: auto;
      display: block;
    }
    .grid {
      stroke: var(--mat-sys-outline-variant);
      stroke-width: 1;
    }
    .axis {
      font-size: 11px;
      fill: var(--mat-sys-on-surface-variant);
    }
    rect.synced,
    .swatch.synced {
      fill: var(--mat-sys-primary);
      background: var(--mat-sys-primary);
    }
    rect.failed,
    .swatch.failed {
      fill: var(--mat-sys-error);
      background: var(--mat-sys-error);
    }
    .empty {
      margin: 4px 0 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .legend {
      display: flex;
      gap: 20px;
      margin-top: 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .swatch {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 2px;
      margin-right: 6px;
    }
  `,
})
export class ActivityChartComponent {
  readonly days = input.required<DayActivity[]>();
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly pad = PAD;

  private readonly max = computed(() => niceMax(Math.max(0, ...this.days().map((d) => Math.max(d.synced, d.problems)))));
  private readonly y = (value: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - value / this.max());

  protected readonly ticks = computed(() => {
    const max = this.max();
    return [0, max / 2, max].map((value) => ({ value, y: this.y(value) }));
  });

  protected readonly bars = computed(() => {
    const days = this.days();
    const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, days.length);
    const w = Math.max(2, slot / 2 - 4);
    const base = this.y(0);
    const every = Math.ceil(days.length / 7);
    return days.map((d, i) => {
      const x = PAD.left + i * slot + 2;
      const problems = d.problems;
      return {
        ...d,
        x,
        w,
        syncedY: this.y(d.synced),
        syncedH: base - this.y(d.synced),
        failedY: this.y(problems),
        failedH: base - this.y(problems),
        showLabel: (days.length - 1 - i) % every === 0,
      };
    });
  });

  protected readonly empty = computed(() => this.days().every((d) => d.synced + d.problems + d.pending === 0));

  protected readonly summary = computed(() => {
    const days = this.days();
    const synced = days.reduce((n, d) => n + d.synced, 0);
    const problems = days.reduce((n, d) => n + d.problems, 0);
    const pending = days.reduce((n, d) => n + d.pending, 0);
    return `Orders per day over the last ${days.length} days: ${synced} synced to CartonCloud, ${problems} rejected, failed or skipped, ${pending} waiting.`;
  });
}
