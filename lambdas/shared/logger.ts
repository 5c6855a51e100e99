import { Logger } from '@aws-lambda-powertools/logger';

/** The one logger of a function; its service name comes from POWERTOOLS_SERVICE_NAME set by the stack. */
export const logger = new Logger();
