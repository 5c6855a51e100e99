import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * Powertools' own format puts the whole Lambda context on every line (function ARN, name, memory size, cold start,
 * sampling rate, trace id): about 330 bytes a line that CloudWatch bills as ingested logs, for facts the log group
 * and Lambda's REPORT line already hold. This one keeps what a reader and the saved queries use: level, message,
 * timestamp, service, the request id (which ties a line to its invocation's REPORT line), `cold_start` only on the
 * first invocation of an instance, and the X-Ray trace id only when the invocation is traced, so it leads to a trace
 * that exists. Every other field comes from the line and the logger's keys (docs/LOGGING.md).
 */
export class EventLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    const traced = /(?:^|;)Sampled=1(?:;|$)/.test(process.env._X_AMZN_TRACE_ID ?? '');
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        function_request_id: context?.awsRequestId,
        ...(context?.coldStart ? { cold_start: true } : {}),
        ...(traced ? { xray_trace_id: attributes.xRayTraceId } : {}),
      },
    }).addAttributes(additionalLogAttributes);
  }
}

/** The one logger of a function; its service name comes from POWERTOOLS_SERVICE_NAME set by the stack. */
export const logger = new Logger({ logFormatter: new EventLogFormatter() });
