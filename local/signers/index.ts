/** Vendor-authentic webhook signers for tests and the local demo; never imported by function code. */
export {
  businessCentralNotification,
  generateStandardWebhookSecret,
  signEasyPost,
  signHubSpotV3,
  type BusinessCentralChange,
  signHexHmac,
  signShopify,
  signStandardWebhook,
  signStripe,
  type StandardWebhookHeaders,
} from './vendor-signatures';
export { signedHeadersFor } from './signed-headers';
