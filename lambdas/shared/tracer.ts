import { Tracer } from '@aws-lambda-powertools/tracer';

/** The one tracer of a function; it does nothing outside Lambda, so local mode needs no switch. */
export const tracer = new Tracer();
