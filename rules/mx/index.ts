import type { Rule } from '../../src/engine/types.js';
import mxDuplicateExchange from './mx-duplicate-exchange.js';
import mxExchangeCname from './mx-exchange-cname.js';
import mxExchangeIpLiteral from './mx-exchange-ip-literal.js';
import mxExchangeNoAddress from './mx-exchange-no-address.js';
import mxMissing from './mx-missing.js';
import mxNullMixed from './mx-null-mixed.js';
import mxSesFeedbackAtApex from './mx-ses-feedback-at-apex.js';
import mxSesInboundRegion from './mx-ses-inbound-region.js';

export const mxRules: Rule[] = [
  mxDuplicateExchange,
  mxExchangeCname,
  mxExchangeIpLiteral,
  mxExchangeNoAddress,
  mxMissing,
  mxNullMixed,
  mxSesFeedbackAtApex,
  mxSesInboundRegion,
];
