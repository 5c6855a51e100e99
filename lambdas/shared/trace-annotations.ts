import { tracer } from './tracer';

/** What traces are searched by: `annotation.correlationId = "..."` finds one event's path through every function. */
export interface TraceAnnotations {
  readonly correlationId?: string;
  readonly source?: string;
  readonly destination?: string;
  readonly eventType?: string;
}

/**
 * Runs one record's work in its own X-Ray subsegment carrying the record's annotations, so a batch of ten
 * events yields ten searchable entries rather than one trace annotated with only the first. Outside Lambda
 * (tracing off) it just runs the work.
 */
export async function tracedRecord<T>(name: string, annotations: TraceAnnotations, work: () => Promise<T>): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const segment = parent?.addNewSubsegment(`## ${name}`);
  if (segment) {
    for (const [key, value] of Object.entries(annotations)) if (value) segment.addAnnotation(key, value);
  }
  try {
    return await work();
  } catch (error) {
    segment?.addError(error as Error);
    throw error;
  } finally {
    segment?.close();
  }
}
