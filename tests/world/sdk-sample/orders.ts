// A small order service with real bugs, so Sentry's SDK records real stack frames from two modules.
import { chargeCard, PaymentDeclinedError } from './payments.ts';

export interface Order {
  id: string;
  customer: { email: string; shipping?: { city: string; postcode: string } };
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

export function orderTotal(order: Order): number {
  return order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

export function shippingLabel(order: Order): string {
  // The bug: guest checkouts have no shipping address, and nobody checks.
  const shipping = order.customer.shipping as { city: string; postcode: string };
  return `${order.id} → ${shipping.city.toUpperCase()} ${shipping.postcode}`;
}

export async function checkout(order: Order): Promise<string> {
  const total = orderTotal(order);
  const receipt = await chargeCard(order.customer.email, total);
  return receipt;
}

export class InventoryError extends Error {
  constructor(readonly sku: string) {
    super(`Stock reservation failed for ${sku}: warehouse returned 409`);
    this.name = 'InventoryError';
  }
}

export async function reserveStock(order: Order): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const first = order.lines[0];
  throw new InventoryError(first ? first.sku : 'unknown');
}

export { PaymentDeclinedError };
