/** Types for s3rver, which ships none: a Koa application serving the S3 REST API from a folder. */
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    /** Folder holding buckets and objects. */
    directory: string;
    /** No request log on the console. */
    silent?: boolean;
    /** Buckets that exist from the start. */
    configureBuckets?: { name: string }[];
    /** Answer requests whose SigV4 signature does not match, as local clients sign with dummy credentials. */
    allowMismatchedSignatures?: boolean;
  }

  class S3rver {
    constructor(options: S3rverOptions);
    /** Creates the configured buckets. */
    configureBuckets(): Promise<void>;
    /** The request listener, to mount on a server of one's own. */
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    readonly logger: { close(): void };
  }
  export = S3rver;
}
