import { md5OfBody, md5OfMessageAttributes } from '../../../local/sqs';

// Digests SQS answers for these attributes, as published with the aws-md5-of-message-attributes package.
const helloBinary = Buffer.from('Hello binary world!');

describe('md5OfMessageAttributes', () => {
  it('digests a String attribute as SQS does', () => {
    expect(md5OfMessageAttributes({ attribName1: { dataType: 'String', stringValue: 'attribValue 1' } })).toBe(
      '19e27d4e946b072f3f58da80d94fd778',
    );
  });

  it('digests a custom Number type by its full type name', () => {
    const attributes = {
      customNumberTypeAttrib: { dataType: 'Number.float', stringValue: '4563442423554324324264524243.32543234' },
    };
    expect(md5OfMessageAttributes(attributes)).toBe('9fe1b90bbd9965bdf77bac517c7d2495');
  });

  it('digests a Binary attribute over its raw bytes', () => {
    expect(md5OfMessageAttributes({ binaryAttribute: { dataType: 'Binary', binaryValue: helloBinary } })).toBe(
      '31a92b15d92f8db860eda32aceb656c3',
    );
  });

  it('digests several attributes in name order, whatever order they are given in', () => {
    const attributes = {
      binaryAttribute: { dataType: 'Binary', binaryValue: helloBinary },
      customNumberTypeAttrib: { dataType: 'Number.float', stringValue: '4563442423554324324264524243.32543234' },
      attribName1: { dataType: 'String', stringValue: 'attribValue 1' },
    };
    expect(md5OfMessageAttributes(attributes)).toBe('c932db14a896c663f83c260297d594ff');
  });

  it('gives no digest when there are no attributes', () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});

describe('md5OfBody', () => {
  it('is the hex MD5 of the UTF-8 body', () => {
    expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(md5OfBody('h\u00e9llo')).toBe('be50e8478cf24ff3595bc7307fb91b50');
  });
});
