import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postAll } from '../../../bench/e2e/load-generator';

let server: Server;
let url: string;
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      setTimeout(() => {
        inFlight -= 1;
        const body = Buffer.concat(chunks).toString('utf8');
        if (body === 'refuse') return response.writeHead(401).end('{"error":"invalid signature"}');
        response.writeHead(202, { 'content-type': 'application/json' }).end(`{"correlationId":"c-${body}"}`);
      }, 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/test`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const webhook = (body: string, target = url) => ({
  url: target,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(body),
});

describe('postAll', () => {
  it('posts every webhook with no more than the concurrency in flight, and reads each answer', async () => {
    mostInFlight = 0;
    const built: number[] = [];
    const answered: number[] = [];
    const run = await postAll(
      20,
      3,
      (index) => {
        built.push(index);
        return webhook(index === 7 ? 'refuse' : String(index));
      },
      (done) => answered.push(done),
    );
    expect(mostInFlight).toBeLessThanOrEqual(3);
    expect(built).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(answered).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(run.posted[3]).toMatchObject({ index: 3, status: 202, correlationId: 'c-3' });
    expect(run.posted[7]).toMatchObject({ index: 7, status: 401 });
    expect(run.posted[7]).not.toHaveProperty('correlationId');
    for (const posted of run.posted) expect(posted.answeredAtMs).toBeGreaterThanOrEqual(posted.sentAtMs);
    expect(run.finishedAtMs).toBeGreaterThanOrEqual(run.startedAtMs);
  });

  it('counts a webhook that gets no answer as status 0 and goes on', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await postAll(2, 2, (index) => webhook(String(index), index === 0 ? deadUrl : url));
    expect(run.posted.map((posted) => posted.status)).toEqual([0, 202]);
  });
});
