/**
 * The CAdES signature a PAdES baseline B-B signature carries (ETSI EN 319 122-1): a detached CMS
 * SignedData whose signed attributes are contentType, messageDigest and signing-certificate-v2,
 * and deliberately no signingTime (PAdES puts the time in the signature dictionary's /M).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ownBuffer } from './bytes';
import { parseCertificate, type Signer } from './signer';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

interface ParsedChain {
  signerDer: Uint8Array;
  certificate: pkijs.Certificate;
  chain: pkijs.Certificate[];
}

// Parsing the chain costs about a third of a signature's CMS: a batch parses it once per signer.
const parsedChains = new WeakMap<Signer, ParsedChain>();

function parsedChainOf(signer: Signer): ParsedChain {
  let parsed = parsedChains.get(signer);
  if (!parsed) {
    const [signerDer, ...chainDer] = signer.certificates;
    if (!signerDer) throw new Error('a signer without a certificate');
    parsed = { signerDer, certificate: parseCertificate(signerDer), chain: chainDer.map(parseCertificate) };
    parsedChains.set(signer, parsed);
  }
  return parsed;
}

/** DER of a CMS ContentInfo(SignedData) over content whose SHA-256 is `contentDigest`. */
export async function cadesDetachedSignature(signer: Signer, contentDigest: Uint8Array): Promise<Uint8Array> {
  const { signerDer, certificate, chain } = parsedChainOf(signer);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSorted([
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ownBuffer(contentDigest) })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificate, signerDer)] }),
    ]),
  });
  // The signature covers the attributes encoded as a SET OF (tag 0x31), not as the [0] they are stored under.
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER(false));
  toSign[0] = 0x31;
  const signature = await signer.sign(toSign);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm:
      signer.keyAlgorithm === 'RSA'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: ownBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate, ...chain],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/**
 * SigningCertificateV2 (RFC 5035) naming the signer's certificate by its SHA-256 (the default
 * hash, hence no AlgorithmIdentifier) and its issuer and serial number.
 */
function signingCertificateV2(certificate: pkijs.Certificate, certificateDer: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(certificateDer).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }).toSchema(),
      new asn1js.Integer({ valueHex: ownBuffer(certificate.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ownBuffer(certHash) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** DER wants a SET OF in the order of its elements' encodings; verifiers that re-encode rely on it. */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER(false)) }));
  return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map(({ attribute }) => attribute);
}
