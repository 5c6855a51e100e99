import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { CANONICAL_STATE_TABLE } from '../../../config/tables';
import { canonicalStateItemOf } from '../../../lambdas/shared/canonical-state-record';
import { parseClaimCheck } from '../../../lambdas/shared/claim-check';
import { writeCanonicalState, type StateWritePorts } from '../../../lambdas/state-writer/write-canonical-state';
import { startAwsStandIns, type AwsStandIns } from '../../../local/aws-stand-ins';
import { inventoryLevelEvent, orderEvent } from '../../helpers/canonical-event-factories';

/** The writer against dynalite and the local S3 server: the conditional write and the large-data objects are real. */
let aws: AwsStandIns;
let ports: StateWritePorts;

beforeAll(async () => {
  aws = await startAwsStandIns({ tablePrefix: 'writer-' });
  ports = {
    dynamodb: aws.dynamodb,
    tableName: aws.tables[CANONICAL_STATE_TABLE.name]!,
    bucket: aws.payloadBucket,
    putObject: async (key, body) => {
      await aws.s3.send(new PutObjectCommand({ Bucket: aws.payloadBucket, Key: key, Body: body }));
    },
    deleteObject: async (key) => {
      await aws.s3.send(new DeleteObjectCommand({ Bucket: aws.payloadBucket, Key: key }));
    },
    now: () => new Date('2026-12-01T10:00:00.000Z'),
  };
});
afterAll(() => aws.close());

async function stored(pk: string) {
  const { Item } = await aws.dynamodb.send(new GetItemCommand({ TableName: ports.tableName, Key: { pk: { S: pk } } }));
  return canonicalStateItemOf(Item ? unmarshall(Item) : undefined);
}

const level = (sku: string, version: number, available: number, sequence?: number) => ({
  ...inventoryLevelEvent({ version, source: 'storefront', data: { sku, available } }),
  subject: `storefront:24826418/${sku}`,
  ...(sequence !== undefined ? { entitysequence: sequence } : {}),
});

describe('writeCanonicalState', () => {
  test('the first version is written with its envelope fields and its data as JSON', async () => {
    const event = level('W-1', 1000, 5);
    expect(await writeCanonicalState(event, ports)).toEqual({ kind: 'written' });
    const item = await stored('inventory-level#storefront:24826418/W-1');
    expect(item).toEqual({
      pk: 'inventory-level#storefront:24826418/W-1',
      entity: 'inventory-level',
      subject: 'storefront:24826418/W-1',
      type: 'interchange.inventory-level.v1',
      entityVersion: 1000,
      entitySequence: 0,
      eventId: event.id,
      source: 'interchange/storefront',
      time: event.time,
      updatedAt: '2026-12-01T10:00:00.000Z',
      data: JSON.stringify(event.data),
      // Found by SKU alone through the SKU index.
      sku: 'W-1',
    });
  });

  test('a newer version replaces, an older one is stale and leaves the newer, the same event again is a duplicate', async () => {
    await writeCanonicalState(level('W-2', 1000, 5), ports);
    expect(await writeCanonicalState(level('W-2', 3000, 7), ports)).toEqual({
      kind: 'written',
      replaced: { entityVersion: 1000, entitySequence: 0, eventId: level('W-2', 1000, 5).id },
    });
    expect(await writeCanonicalState(level('W-2', 2000, 6), ports)).toEqual({
      kind: 'stale',
      stored: { entityVersion: 3000, entitySequence: 0, eventId: level('W-2', 3000, 7).id },
    });
    expect(await writeCanonicalState(level('W-2', 3000, 7), ports)).toEqual({ kind: 'duplicate' });
    expect(JSON.parse((await stored('inventory-level#storefront:24826418/W-2'))!.data!)).toMatchObject({
      available: 7,
    });
  });

  test('within one version the higher sequence wins; an equal version and sequence from another event is stale', async () => {
    await writeCanonicalState(level('W-3', 1000, 1, 50), ports);
    expect((await writeCanonicalState(level('W-3', 1000, 2, 60), ports)).kind).toBe('written');
    expect((await writeCanonicalState(level('W-3', 1000, 3, 55), ports)).kind).toBe('stale');
    const sameStamp = { ...level('W-3', 1000, 9, 60), id: 'another-event' };
    expect((await writeCanonicalState(sameStamp, ports)).kind).toBe('stale');
    expect(await stored('inventory-level#storefront:24826418/W-3')).toMatchObject({ entitySequence: 60 });
  });

  test('concurrent writes of shuffled versions leave the newest', async () => {
    const versions = [5, 3, 9, 1, 7, 2, 8, 4, 6];
    await Promise.all(versions.map((v) => writeCanonicalState(level('W-4', v * 1000, v), ports)));
    expect(await stored('inventory-level#storefront:24826418/W-4')).toMatchObject({ entityVersion: 9000 });
  });

  test('data too large for an item goes to the payload bucket; the one it replaces and a refused one are deleted', async () => {
    const line = orderEvent().data.lines[0]!;
    const large = (version: number, title: string) =>
      orderEvent({
        version,
        data: {
          id: 'storefront:big',
          lines: Array.from({ length: 3000 }, (_, n) => ({ ...line, lineId: `${n}`, title })),
        },
      });
    const objects = async () =>
      (
        (await aws.s3.send(new ListObjectsV2Command({ Bucket: aws.payloadBucket, Prefix: 'canonical-state/' })))
          .Contents ?? []
      ).map((object) => object.Key);

    expect((await writeCanonicalState(large(1000, 'a'), ports)).kind).toBe('written');
    const first = await stored('order#storefront:big');
    expect({ inline: first?.data !== undefined, pointer: first?.dataPointer !== undefined }).toEqual({
      inline: false,
      pointer: true,
    });
    const pointer = parseClaimCheck(first!.dataPointer!)!;
    const body = await aws.s3.send(new GetObjectCommand({ Bucket: pointer.bucket, Key: pointer.key }));
    expect(JSON.parse(await body.Body!.transformToString()) as unknown).toStrictEqual(large(1000, 'a').data);
    expect(await objects()).toEqual([pointer.key]);

    expect((await writeCanonicalState(large(2000, 'b'), ports)).kind).toBe('written');
    const second = parseClaimCheck((await stored('order#storefront:big'))!.dataPointer!)!;
    expect(await objects()).toEqual([second.key]);

    expect((await writeCanonicalState(large(1500, 'c'), ports)).kind).toBe('stale');
    expect(await objects()).toEqual([second.key]);
  });
});
