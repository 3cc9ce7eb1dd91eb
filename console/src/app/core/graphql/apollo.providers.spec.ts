import { reconnectDelayMs, websocketUrl } from './apollo.providers';

describe('live-updates socket', () => {
  it('uses ws:// next to an http page and wss:// next to an https page', () => {
    expect(websocketUrl('/graphql', 'http://localhost:4000/integrations')).toBe('ws://localhost:4000/graphql');
    expect(websocketUrl('/graphql', 'https://conveyor.example.com/')).toBe('wss://conveyor.example.com/graphql');
  });

  it('backs off exponentially up to 30 seconds between reconnect attempts', () => {
    const noJitter = () => 0.5;
    expect([0, 1, 2, 3, 10, 50].map((n) => reconnectDelayMs(n, noJitter))).toEqual([1000, 2000, 4000, 8000, 30000, 30000]);
  });
});
