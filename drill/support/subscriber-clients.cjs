// A process of graphql-ws subscribers for the fan-out drill (drill/scenarios/fan-out.ts), or the event tap:
// kept apart from the drill's own process (which serves both sandboxes) so a busy event loop there does not
// delay when a delivery is seen. Plain CommonJS, no build step. Driven over IPC:
//   → { kind: 'subscribe', url, query, subscribers: [{ token, variables }] }   ← { ready: n }
//   → { kind: 'tap', databaseUrl }                                             ← { ready: 1 }
//   → 'report'   ← { deliveries: [[subscriber, at, data]], events: [[at, topic, payload]] }, then it exits
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');
const pg = require('pg');

const deliveries = [];
const events = [];
const clients = [];
let tap = null;

process.on('message', async (message) => {
  if (message === 'report') {
    process.send({ deliveries, events }, () => {
      for (const client of clients) void client.dispose();
      void tap?.end().catch(() => {});
      setTimeout(() => process.exit(0), 200);
    });
    return;
  }
  if (message.kind === 'tap') {
    tap = new pg.Client({ connectionString: message.databaseUrl });
    tap.on('error', () => {});
    tap.on('notification', (n) => {
      if (!n.payload) return;
      const { topic, payload } = JSON.parse(n.payload);
      events.push([Date.now(), topic, payload]);
    });
    await tap.connect();
    await tap.query('LISTEN conveyor_events');
    process.send({ ready: 1 });
    return;
  }
  const ready = message.subscribers.map(({ token, variables }, index) => {
    const client = createClient({
      url: `${message.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
    });
    clients.push(client);
    const connected = new Promise((resolve, reject) => {
      client.on('connected', resolve);
      client.on('closed', (event) => reject(new Error(`closed: ${event && event.code}`)));
    });
    client.subscribe(
      { query: message.query, variables },
      {
        next: (value) => deliveries.push([index, Date.now(), value.data ?? { errors: value.errors }]),
        error: (error) => deliveries.push([index, Date.now(), { errors: [String(error && error.message ? error.message : JSON.stringify(error))] }]),
        complete: () => {},
      },
    );
    return connected;
  });
  const settled = await Promise.allSettled(ready);
  process.send({ ready: settled.filter((s) => s.status === 'fulfilled').length });
});
