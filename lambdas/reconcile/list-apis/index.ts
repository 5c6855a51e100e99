import type { ListApi } from '../../../config/schema';
import { businessCentralListApi } from './business-central';
import { hubSpotSearchListApi } from './hubspot-search';
import type { ListApiProtocol } from './list-page';
import { shopifyListApi } from './shopify';
import { stripeEventsListApi } from './stripe-events';

export type { ListApiProtocol, ListedRecord, ListRequest, ListStream, ListWindow, ParsedPage } from './list-page';

/** Each vendor's list API by its configured name. */
export const LIST_API_PROTOCOLS: Readonly<Record<ListApi, ListApiProtocol>> = {
  shopify: shopifyListApi,
  'stripe-events': stripeEventsListApi,
  'business-central': businessCentralListApi,
  'hubspot-search': hubSpotSearchListApi,
};
