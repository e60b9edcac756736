// Realistic error kinds per platform: what real apps of each stack throw, with the in-app frame that culprit names.

export interface ErrorKind {
  type: string;
  value: string;
  /** Module/file of the top in-app frame, and its function. */
  module: string;
  fn: string;
  level?: 'fatal' | 'error' | 'warning' | 'info';
  unhandled?: boolean;
}

export interface PlatformCatalog {
  platform: string;
  sdk: string;
  fileOf: (module: string) => string;
  /** Sentry's culprit format differs by platform: Python "module in fn", JS "fn(file)". */
  culprit: (kind: ErrorKind) => string;
  kinds: ErrorKind[];
  modules: string[];
  fns: string[];
}

const python: PlatformCatalog = {
  platform: 'python',
  sdk: 'sentry.python.django',
  fileOf: (m) => `${m.replace(/\./g, '/')}.py`,
  culprit: (k) => `${k.module} in ${k.fn}`,
  modules: ['orders.views', 'billing.tasks', 'accounts.api', 'inventory.services', 'reports.export', 'search.indexer'],
  fns: ['checkout', 'charge_customer', 'update_profile', 'reserve_stock', 'build_csv', 'reindex_batch', 'handle'],
  kinds: [
    { type: 'KeyError', value: "'user_id'", module: 'orders.views', fn: 'checkout' },
    {
      type: 'IntegrityError',
      value:
        'duplicate key value violates unique constraint "orders_order_pkey"\nDETAIL:  Key (id)=(48211) already exists.',
      module: 'orders.models',
      fn: 'save',
    },
    {
      type: 'AttributeError',
      value: "'NoneType' object has no attribute 'email'",
      module: 'accounts.api',
      fn: 'update_profile',
      unhandled: true,
    },
    {
      type: 'ValueError',
      value: "invalid literal for int() with base 10: 'abc'",
      module: 'reports.export',
      fn: 'parse_filters',
    },
    {
      type: 'TimeoutError',
      value: 'Timeout reading from socket',
      module: 'inventory.cache',
      fn: 'get_stock',
      level: 'warning',
    },
    {
      type: 'ConnectionError',
      value: "HTTPSConnectionPool(host='api.stripe.com', port=443): Max retries exceeded with url: /v1/charges",
      module: 'billing.tasks',
      fn: 'charge_customer',
    },
    {
      type: 'OperationalError',
      value: 'could not serialize access due to concurrent update',
      module: 'inventory.services',
      fn: 'reserve_stock',
    },
    {
      type: 'SoftTimeLimitExceeded',
      value: 'SoftTimeLimitExceeded()',
      module: 'search.indexer',
      fn: 'reindex_batch',
      level: 'warning',
    },
  ],
};

const javascript: PlatformCatalog = {
  platform: 'javascript',
  sdk: 'sentry.javascript.react',
  fileOf: (m) => `./src/${m}.tsx`,
  culprit: (k) => `${k.fn}(${`./src/${k.module}.tsx`})`,
  modules: ['components/CartSummary', 'pages/Checkout', 'hooks/useProfile', 'api/client', 'components/SearchBox'],
  fns: ['CartSummary', 'Checkout.onSubmit', 'useProfile', 'request', 'SearchBox.render', 'formatPrice'],
  kinds: [
    {
      type: 'TypeError',
      value: "Cannot read properties of undefined (reading 'map')",
      module: 'components/CartSummary',
      fn: 'CartSummary',
      unhandled: true,
    },
    {
      type: 'ChunkLoadError',
      value: 'Loading chunk 742 failed.\n(error: https://shop.example.com/static/js/742.3f9a1c.chunk.js)',
      module: 'pages/Checkout',
      fn: 'lazyLoad',
      unhandled: true,
    },
    { type: 'Error', value: 'Network Error', module: 'api/client', fn: 'request' },
    {
      type: 'SyntaxError',
      value: 'Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON',
      module: 'api/client',
      fn: 'parseResponse',
    },
    {
      type: 'ReferenceError',
      value: 'process is not defined',
      module: 'hooks/useProfile',
      fn: 'useProfile',
      unhandled: true,
    },
    {
      type: 'UnhandledRejection',
      value: 'Non-Error promise rejection captured with value: undefined',
      module: 'components/SearchBox',
      fn: 'SearchBox.onChange',
      unhandled: true,
    },
    { type: 'TypeError', value: 'Failed to fetch', module: 'api/client', fn: 'request', level: 'warning' },
  ],
};

const node: PlatformCatalog = {
  platform: 'node',
  sdk: 'sentry.javascript.node',
  fileOf: (m) => `/app/src/${m}.js`,
  culprit: (k) => `${k.fn}(${k.module})`,
  modules: ['routes/payments', 'services/stripe', 'workers/refunds', 'db/pool', 'routes/webhooks'],
  fns: ['createPayment', 'capture', 'processRefund', 'connect', 'handleWebhook', 'verifySignature'],
  kinds: [
    {
      type: 'Error',
      value: 'connect ECONNREFUSED 127.0.0.1:5432',
      module: 'db/pool',
      fn: 'connect',
      level: 'fatal',
      unhandled: true,
    },
    {
      type: 'TypeError',
      value: "Cannot read properties of null (reading 'amount')",
      module: 'routes/payments',
      fn: 'createPayment',
      unhandled: true,
    },
    {
      type: 'StripeCardError',
      value: 'Your card was declined.',
      module: 'services/stripe',
      fn: 'capture',
      level: 'warning',
    },
    { type: 'Error', value: 'Request timed out after 30000ms', module: 'workers/refunds', fn: 'processRefund' },
    {
      type: 'SignatureVerificationError',
      value: 'No signatures found matching the expected signature for payload',
      module: 'routes/webhooks',
      fn: 'verifySignature',
    },
  ],
};

const java: PlatformCatalog = {
  platform: 'java',
  sdk: 'sentry.java.android',
  fileOf: (m) => `${m.split('.').pop() ?? m}.kt`,
  culprit: (k) => `${k.module} in ${k.fn}`,
  modules: ['com.acme.app.checkout.CheckoutFragment', 'com.acme.app.sync.SyncWorker', 'com.acme.app.auth.TokenStore'],
  fns: ['onViewCreated', 'doWork', 'refresh', 'bind'],
  kinds: [
    {
      type: 'IllegalStateException',
      value: 'Fragment CheckoutFragment not attached to a context.',
      module: 'com.acme.app.checkout.CheckoutFragment',
      fn: 'onViewCreated',
      level: 'fatal',
      unhandled: true,
    },
    {
      type: 'NullPointerException',
      value:
        "Attempt to invoke virtual method 'java.lang.String com.acme.app.model.User.getId()' on a null object reference",
      module: 'com.acme.app.auth.TokenStore',
      fn: 'refresh',
      level: 'fatal',
      unhandled: true,
    },
    {
      type: 'SocketTimeoutException',
      value: 'timeout',
      module: 'com.acme.app.sync.SyncWorker',
      fn: 'doWork',
      level: 'warning',
    },
    {
      type: 'SQLiteDatabaseLockedException',
      value: 'database is locked (code 5 SQLITE_BUSY)',
      module: 'com.acme.app.sync.SyncWorker',
      fn: 'doWork',
    },
  ],
};

export const catalogs: Record<string, PlatformCatalog> = {
  python,
  'python-django': python,
  javascript,
  'javascript-react': javascript,
  node,
  'node-express': node,
  java,
  android: java,
};

export function catalogFor(platform: string): PlatformCatalog {
  return catalogs[platform] ?? python;
}
