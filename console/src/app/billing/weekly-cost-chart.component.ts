import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { niceMax } from '../integrations/detail/activity';
import { formatMoney } from '../shared/time';
import { WeekTotal } from './billing-math';

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 56 };
const LABEL = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Weekly cost as an SVG bar chart. */
@Component({
  selector: 'cv-weekly-cost-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-label]="summary()">
      @for (tick of ticks(); track tick.value) {
        <line class="grid" [attr.x1]="pad.left" [attr.x2]="width - pad.right" [attr.y1]="tick.y" [attr.y2]="tick.y" />
        <text class="axis" [attr.x]="pad.left - 6" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.label }}</text>
      }
      @for (bar of bars(); track bar.periodStart) {
        <rect class="bar" [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.w" [attr.height]="bar.h"><title>Week of {{ bar.label }}: {{ bar.money }} ({{ bar.integrationCount }} integrations)</title></rect>
        @if (bar.showLabel) {
          <text class="axis" [attr.x]="bar.x + bar.w / 2" [attr.y]="height - 8" text-anchor="middle">{{ bar.label }}</text>
        }
      }
    </svg>
  `,
  styles: `
    svg {
      width: 100%;
      height: auto;
      display: block;
    }
    .grid {
      stroke: var(--mat-sys-outline-variant);
    }
    .axis {
      font-size: 11px;
      fill: var(--mat-sys-on-surface-variant);
    }
    .bar {
      fill: var(--mat-sys-tertiary);
    }
  `,
})
export class WeeklyCostChartComponent {
  readonly weeks = input.required<WeekTotal[]>();
  readonly currency = input.required<string>();
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly pad = PAD;
  private readonly max = computed(() => niceMax(Math.max(0, ...this.weeks().map((w) => w.amountCents / 100))) * 100);
  private readonly y = (cents: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - cents / this.max());

  protected readonly ticks = computed(() => [0, this.max() / 2, this.max()].map((value) => ({ value, y: this.y(value), label: formatMoney(value, this.currency()) })));
  protected readonly bars = computed(() => {
    const weeks = this.weeks();
    const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, weeks.length);
    const w = Math.min(48, slot * 0.7);
    const every = Math.ceil(weeks.length / 8);
    return weeks.map((week, i) => ({
      ...week,
      x: PAD.left + i * slot + (slot - w) / 2,
      w,
      y: this.y(week.amountCents),
      h: this.y(0) - this.y(week.amountCents),
      label: LABEL.format(new Date(week.periodStart)),
      money: formatMoney(week.amountCents, this.currency()),
      showLabel: (weeks.length - 1 - i) % every === 0,
    }));
  });
  protected readonly summary = computed(() => {
    const weeks = this.weeks();
    const total = weeks.reduce((n, w) => n + w.amountCents, 0);
    return `Weekly cost over ${weeks.length} billed week${weeks.length === 1 ? '' : 's'}, ${formatMoney(total, this.currency())} in total.`;
  });
}
