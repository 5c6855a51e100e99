/** Webhook signature verification for every scheme Interchange accepts; pure, constant-time, node:crypto only. */
export type { SignatureFailure, SignatureScheme, SignatureVerification, SignedWebhook } from './types';
export { verifyWebhookSignature } from './verify-webhook-signature';
export { SHOPIFY_SIGNATURE_HEADER } from './shopify';
export { STRIPE_SIGNATURE_HEADER } from './stripe';
export { STANDARD_WEBHOOK_HEADERS, decodeStandardWebhookSecret } from './standard-webhooks';
export { EASYPOST_SIGNATURE_HEADER } from './easypost';
export { HUBSPOT_V3_HEADERS, hubSpotSignedUri } from './hubspot';
export { withoutByteOrderMark } from './business-central';
