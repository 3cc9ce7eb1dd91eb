import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { WeeklyCostChartComponent } from './weekly-cost-chart.component';

describe('WeeklyCostChartComponent', () => {
  it('draws one bar per week, heights in proportion to the cost, and sums them up for screen readers', async () => {
    TestBed.configureTestingModule({ imports: [WeeklyCostChartComponent], providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(WeeklyCostChartComponent);
    fixture.componentRef.setInput('currency', 'AUD');
    fixture.componentRef.setInput('weeks', [
      { periodStart: '2026-11-09T00:00:00.000Z', amountCents: 1000, integrationCount: 1 },
      { periodStart: '2026-11-16T00:00:00.000Z', amountCents: 3000, integrationCount: 3 },
    ]);
    await fixture.whenStable();
    const svg = (fixture.nativeElement as HTMLElement).querySelector('svg')!;
    const heights = [...svg.querySelectorAll('rect.bar')].map((r) => Number(r.getAttribute('height')));

    expect(heights).toHaveLength(2);
    expect(heights[1]! / heights[0]!).toBeCloseTo(3, 5);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toMatch(/^Weekly cost over 2 billed weeks, .*40\.00 in total\.$/);
  });
});
