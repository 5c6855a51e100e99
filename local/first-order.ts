/**
 * The first webhook a person sends by hand: a signed Shopify `orders/create` with every field the storefront
 * mapper relies on, a SKU and a shipping address, so it reaches every destination orders are routed to (ERP,
 * CRM, analytics and the 3PL). The welcome screen prints it and the README shows it; a test runs the README's copy
 * against local mode, so the two cannot drift from what the pipeline accepts.
 */

/** The order, as one would type it in a shell: single-quoted JSON over a few lines. */
export const FIRST_ORDER_BODY = `{"id":1001,"name":"#1001","email":"ada@example.com","currency":"USD",
  "created_at":"2026-12-01T09:00:00Z","updated_at":"2026-12-01T09:00:00Z",
  "financial_status":"paid","fulfillment_status":null,
  "subtotal_price":"25.00","total_discounts":"0.00","total_tax":"0.00","total_price":"25.00",
  "total_shipping_price_set":{"shop_money":{"amount":"0.00","currency_code":"USD"}},
  "shipping_address":{"name":"Ada Lovelace","address1":"1 Main St","city":"Springfield","zip":"12345","country_code":"US"},
  "line_items":[{"id":1,"sku":"MUG-1","title":"Mug","quantity":1,"price":"25.00","total_discount":"0.00"}]}`;

/** The shell lines that sign and send the order, for a storefront secret and webhook URL. */
export function firstOrderCommands(secret: string, webhookUrl: string): string {
  return [
    `BODY='${FIRST_ORDER_BODY}'`,
    `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac '${secret}' -binary | base64)`,
    `curl -i ${webhookUrl} -H 'content-type: application/json' \\`,
    `  -H 'x-shopify-topic: orders/create' -H "x-shopify-hmac-sha256: $SIG" --data "$BODY"`,
  ].join('\n');
}

/** What the README shows in place of the secret, which each installation makes for itself. */
export const README_SECRET_PLACEHOLDER = '<storefront secret printed at start>';
