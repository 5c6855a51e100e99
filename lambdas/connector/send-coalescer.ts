/** Collects items submitted close together and sends them as one batch; each submitter gets the batch's result. */
export interface SendCoalescer<T, R> {
  submit(item: T): Promise<R>;
}

interface Waiting<T, R> {
  readonly item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * The records of one SQS batch are processed side by side and reach the send within milliseconds of each other;
 * collecting them for `windowMs` (or until `maxItems`) turns ten requests into one for a destination with a batch
 * API, while each record keeps its own idempotency and its own outcome.
 */
export function sendCoalescer<T, R>(options: {
  readonly maxItems: number;
  readonly windowMs: number;
  readonly sendBatch: (items: readonly T[]) => Promise<R>;
}): SendCoalescer<T, R> {
  let pending: Waiting<T, R>[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    options.sendBatch(batch.map((waiting) => waiting.item)).then(
      (result) => batch.forEach((waiting) => waiting.resolve(result)),
      (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
    );
  };

  return {
    submit: (item) =>
      new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= options.maxItems) flush();
        else timer ??= setTimeout(flush, options.windowMs);
      }),
  };
}
