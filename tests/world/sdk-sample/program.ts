// Real @sentry/node reporting real errors from a tiny order service to the DSN given as argv[2].
// Run as a child process (see run.ts) so the SDK's global state never touches the test process.
import * as Sentry from '@sentry/node';
import { checkout, reserveStock, shippingLabel, type Order } from './orders.ts';

const dsn = process.argv[2] ?? process.env.SENTRY_DSN;
if (!dsn) throw new Error('usage: tsx program.ts <dsn>');

Sentry.init({
  dsn,
  release: 'order-service@2.4.1',
  environment: 'production',
  serverName: 'orders-7f9c4d-xk2lp',
  dataCollection: { userInfo: true },
  tracesSampleRate: 0,
  // The test server only speaks envelopes; no spotlight, no tracing, no remote debugging.
  integrations: [Sentry.onUnhandledRejectionIntegration({ mode: 'warn' })],
});

const guestOrder: Order = {
  id: 'ord_8812',
  customer: { email: 'jane.doe@example.com' },
  lines: [
    { sku: 'MUG-BLUE', quantity: 2, unitPrice: 12.5 },
    { sku: 'TEE-L', quantity: 1, unitPrice: 24 },
  ],
};

Sentry.setUser({ id: '4711', email: 'jane.doe@example.com', username: 'jdoe', ip_address: '203.0.113.42' });
Sentry.setTag('service', 'orders');
Sentry.setTag('region', 'eu-west-1');
Sentry.setContext('order', { id: guestOrder.id, lines: guestOrder.lines.length });
// A real incoming request as the HTTP integration would record it.
Sentry.getIsolationScope().setSDKProcessingMetadata({
  normalizedRequest: {
    url: 'https://shop.example.com/api/orders/ord_8812/checkout?coupon=SPRING',
    method: 'POST',
    query_string: 'coupon=SPRING',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
      authorization: 'Bearer sk_live_51HxQ2kLmN',
      cookie: 'session=9f8e7d6c5b4a',
    },
    cookies: { session: '9f8e7d6c5b4a' },
    data: '{"coupon":"SPRING"}',
  },
});

Sentry.addBreadcrumb({
  category: 'http',
  type: 'http',
  level: 'info',
  message: 'POST /api/orders/ord_8812/checkout',
  data: { method: 'POST', url: '/api/orders/ord_8812/checkout', status_code: 500 },
});
Sentry.addBreadcrumb({ category: 'db.query', level: 'info', message: 'SELECT * FROM orders WHERE id = $1' });

try {
  shippingLabel(guestOrder);
} catch (error) {
  Sentry.captureException(error);
}

Sentry.addBreadcrumb({ category: 'payment', level: 'warning', message: 'gateway slow, retrying once' });
try {
  await checkout(guestOrder);
} catch (error) {
  Sentry.withScope((scope) => {
    scope.setTag('payment.provider', 'stripe');
    scope.setLevel('error');
    Sentry.captureException(error);
  });
}

// A real unhandled rejection, picked up by the SDK's onunhandledrejection integration.
void reserveStock(guestOrder);
await new Promise((resolve) => setTimeout(resolve, 50));

Sentry.captureMessage('Checkout retry budget exhausted for ord_8812', 'warning');

const flushed = await Sentry.flush(5000);
process.exit(flushed ? 0 : 2);
