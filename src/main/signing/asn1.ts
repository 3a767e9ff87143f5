import { createRequire } from 'node:module';
import type * as Asn1js from 'asn1js';

/**
 * The asn1js that pkijs itself uses. pkijs recognises ASN.1 values by `instanceof` against its own
 * copy, so every value built for, or read from, pkijs must come from that copy. package.json pins
 * asn1js to the major pkijs depends on (3), so there is one shared copy; loading it as pkijs
 * resolves it keeps this true even if npm ever nests a second copy.
 * Import asn1js in src/main/signing only through this module.
 */
const requireHere = createRequire(import.meta.url);
const requireFromPkijs = createRequire(requireHere.resolve('pkijs'));
const asn1js = requireFromPkijs('asn1js') as typeof Asn1js;

export const {
  BaseBlock,
  BitString,
  BmpString,
  Boolean,
  Constructed,
  Enumerated,
  Integer,
  ObjectIdentifier,
  OctetString,
  Primitive,
  Sequence,
  Set,
  Utf8String,
  fromBER,
} = asn1js;
export type BaseBlock = Asn1js.BaseBlock;
export type BitString = Asn1js.BitString;
export type BmpString = Asn1js.BmpString;
export type Boolean = Asn1js.Boolean;
export type Constructed = Asn1js.Constructed;
export type Enumerated = Asn1js.Enumerated;
export type Integer = Asn1js.Integer;
export type ObjectIdentifier = Asn1js.ObjectIdentifier;
export type OctetString = Asn1js.OctetString;
export type Primitive = Asn1js.Primitive;
export type Sequence = Asn1js.Sequence;
export type Set = Asn1js.Set;
export type Utf8String = Asn1js.Utf8String;
