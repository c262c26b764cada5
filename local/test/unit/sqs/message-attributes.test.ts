import { md5OfBody, md5OfMessageAttributes } from '../../../sqs/message-attributes';

// Digests pinned by moto's SQS test suite as what SQS answers for these attributes.
describe('MD5 digests as SQS computes them', () => {
  it('digests the body as UTF-8', () => {
    expect(md5OfBody('derp')).toBe('58fd9edd83341c29f1aebba81c31e257');
  });

  it.each([
    ['timestamp', '1493147359900', '235c5c510d26fb653d073faed50ae77c'],
    ['timestamp', '1493147359901', '994258b45346a2cc3f9cbb611aa7af30'],
    ['SOME_Valid.attribute-Name', '1493147359900', '36655e7e9d7c0e8479fa3f3f42247ae7'],
  ])('digests the Number attribute %s=%s', (name, value, digest) => {
    expect(md5OfMessageAttributes({ [name]: { DataType: 'Number', StringValue: value } })).toBe(digest);
  });

  it('digests several attributes in order of name, binary values as their bytes', () => {
    const attributes = {
      ccc: { DataType: 'String', StringValue: 'testjunk' },
      aaa: { DataType: 'Binary', BinaryValue: Buffer.from([2, 3, 4]).toString('base64') },
      zzz: { DataType: 'Number', StringValue: '0230.01' },
      öther_encodings: { DataType: 'String', StringValue: 'Tüst' },
    };
    expect(md5OfMessageAttributes(attributes)).toBe('8ae21a7957029ef04146b42aeaa18a22');
  });

  it('has no digest without attributes', () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});
