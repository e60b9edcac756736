// The payment module: a gateway failure wrapped in a domain error with `cause`, as real services do.
export class PaymentDeclinedError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'PaymentDeclinedError';
  }
}

function callGateway(email: string, amountCents: number): never {
  const error = new Error(`gateway timeout after 3000ms charging ${amountCents} cents`);
  error.name = 'GatewayTimeoutError';
  void email;
  throw error;
}

export async function chargeCard(email: string, amount: number): Promise<string> {
  try {
    callGateway(email, Math.round(amount * 100));
  } catch (cause) {
    throw new PaymentDeclinedError(`Payment declined for ${email}`, { cause });
  }
}
